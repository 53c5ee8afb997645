package dev.scenarios.runtime.internal.console;

/** What a workspace file under the console's care describes: a connection or a data transfer path. */
enum ObjectKind {
    CONNECTION("connections", "connection"),
    PATH("paths", "path");

    /** The workspace folder, also the API's collection name: {@code /api/connections}. */
    final String folder;
    /** The kind as {@code ObjectFile} and the runtime's texts name it. */
    final String label;

    ObjectKind(String folder, String label) {
        this.folder = folder;
        this.label = label;
    }

    /** The kind whose collection is {@code folder}, or null. */
    static ObjectKind ofFolder(String folder) {
        for (ObjectKind kind : values()) {
            if (kind.folder.equals(folder)) {
                return kind;
            }
        }
        return null;
    }
}

package dev.scenarios.benchmarks;

/** The server a run sends to and how: STARTTLS (required) and AUTH PLAIN, or plain SMTP. */
record Target(String host, int port, boolean startTls, boolean auth, String user, String password) {

    String security() {
        return (startTls ? "starttls" : "plain") + (auth ? "+auth" : "");
    }
}

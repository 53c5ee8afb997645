package dev.scenarios.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that sends e-mail through a scenario workspace's paths: camel-spring-boot-starter makes its
 * CamelContext, Camel finds the component {@code path} in the scenario-runtime jar by its scheme, and the one property
 * {@code camel.component.path.workspace} (in {@code application.properties}) names the workspace. Its routes are the
 * Java DSL bean {@link WelcomeRoutes} and the YAML route {@code camel/welcome.camel.yaml}, in the one CamelContext,
 * sharing the workspace's open connections. See {@code docs/camel-component.md}.
 */
@SpringBootApplication
public class WelcomeApplication {

    /** Starts the application; {@code --camel.component.path.workspace=/srv/mail-workspace} overrides the folder. */
    public static void main(String[] args) {
        SpringApplication.run(WelcomeApplication.class, args);
    }
}

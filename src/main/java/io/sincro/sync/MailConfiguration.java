package io.sincro.sync;

import org.apache.camel.component.mail.MailComponent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SMTP credentials live on the component, never in an endpoint URI that could be logged. */
@Configuration
class MailConfiguration {

    @Bean("smtp")
    MailComponent smtp(@Value("${sincro.mail.username:}") String username,
            @Value("${sincro.mail.password:}") String password) {
        MailComponent mail = new MailComponent();
        if (!username.isBlank()) {
            mail.getConfiguration().setUsername(username);
            mail.getConfiguration().setPassword(password);
        }
        return mail;
    }
}

package ru.gov.tomsk.opendata.ops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The public side ({@code /opendata/**}, liveness and readiness) is open and read-only; everything else
 * needs authentication. Operator and administrator accounts arrive with the admin console; until then
 * no account exists, so nothing but the public side is reachable, and no generated password is logged.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/opendata", "/opendata/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/opendata", "/opendata/**").permitAll()
                        .requestMatchers("/actuator/health/liveness", "/actuator/health/readiness", "/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService noUsersYet() {
        return new InMemoryUserDetailsManager();
    }
}

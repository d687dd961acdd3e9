package ru.gov.tomsk.opendata.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The configured accounts, found by the {@link LoginNames#canonical canonical} form of the name that was typed, the
 * same key the failed-login lock uses. Two accounts whose names differ only in case would be one person to the lock
 * and stop the start.
 */
final class Accounts implements UserDetailsService {

    private final Map<String, UserDetails> byName = new HashMap<>();

    Accounts(List<UserDetails> users) {
        for (UserDetails user : users) {
            UserDetails other = byName.putIfAbsent(LoginNames.canonical(user.getUsername()), user);
            if (other != null) {
                throw new IllegalStateException("opendata.security.users." + user.getUsername() + " and opendata.security.users."
                        + other.getUsername() + " are one login name (names are compared ignoring case); keep one of them");
            }
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = username == null ? null : byName.get(LoginNames.canonical(username));
        if (user == null) {
            throw new UsernameNotFoundException("no such account");
        }
        // a copy: Spring Security erases the password of the one it authenticated
        return User.withUserDetails(user).build();
    }
}

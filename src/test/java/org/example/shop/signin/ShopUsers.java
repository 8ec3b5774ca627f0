package org.example.shop.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/**
 * The shop's users, an identity store as an application writes one: alice is a customer, bob a customer,
 * the shop's manager and an admin of its sessions (SessionDB's admin API). The groups become the roles the
 * shop's pages require.
 */
@ApplicationScoped
public class ShopUsers implements IdentityStore {

    private record User(String password, Set<String> groups) {}

    private static final Map<String, User> USERS = Map.of(
            "alice", new User("alice-password", Set.of("customer")),
            "bob", new User("bob-password", Set.of("customer", "manager", "sessiondb-admin")));

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        User user = USERS.get(credential.getCaller());
        if (user == null || !credential.getPasswordAsString().equals(user.password())) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(credential.getCaller(), user.groups());
    }
}

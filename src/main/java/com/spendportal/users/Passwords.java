package com.spendportal.users;

import com.spendportal.web.PortalConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.config.SmallRyeConfig;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;

/** Password rules shared by the users page and the first-admin setup. */
final class Passwords {

    static final int MIN_LENGTH = 10;
    /** bcrypt silently ignores everything past 72 bytes, so longer passwords are refused. */
    static final int MAX_BYTES = 72;

    private Passwords() {
    }

    /** The password's bcrypt hash, at {@code portal.password-cost}. */
    static String hash(String password) {
        int cost = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(PortalConfig.class).passwordCost();
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** A message for people when the password is not acceptable, or null. */
    static String problem(String password) {
        if (password == null || password.isEmpty()) {
            return "Enter a password.";
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "Use at least " + MIN_LENGTH + " characters.";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "Use at most " + MAX_BYTES + " bytes (bcrypt ignores the rest).";
        }
        return null;
    }
}

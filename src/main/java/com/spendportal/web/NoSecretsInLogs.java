package com.spendportal.web;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * No token, code or secret in a log line, ours or a library's (docs/operations.md): every line the console and
 * the log file write passes here ({@code quarkus.log.console.filter}, {@code quarkus.log.file.filter}). A signed token
 * (JWS or JWE), the claims jose4j quotes in its messages, and the code, state and tokens of an OAuth URL or form are
 * replaced before the line is written; a stack trace that quotes one is left out. quarkus-oidc's own lines that print
 * the whole id token are off besides ({@code quarkus.log.category."io.quarkus.oidc.runtime..."}): the portal writes
 * one line per failed sign-in itself.
 */
@LoggingFilter(name = "no-secrets")
public final class NoSecretsInLogs implements Filter {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*)?");
    /** jose4j: {@code JWT (claims->{"sub":...}) rejected due to ...}. */
    private static final Pattern CLAIMS = Pattern.compile("\\(claims->\\{.*?\\}\\)(?= rejected|$)");
    private static final Pattern OAUTH_PARAMETER = Pattern.compile(
            "(?i)(^|[?&\\s])(code|state|id_token|access_token|refresh_token|client_secret|code_verifier|q_session[\\w-]*)=[^&\\s\"';,]+");
    private static final Pattern OAUTH_JSON = Pattern.compile(
            "(?i)(\"(?:id_token|access_token|refresh_token|client_secret)\"\\s*:\\s*)\"[^\"]*\"");

    /** {@code text} with every token, jose4j claim list and OAuth code or secret replaced; null stays null. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = JWT.matcher(text).replaceAll("[token]");
        scrubbed = CLAIMS.matcher(scrubbed).replaceAll("(claims left out)");
        scrubbed = OAUTH_PARAMETER.matcher(scrubbed).replaceAll("$1$2=[left out]");
        return OAUTH_JSON.matcher(scrubbed).replaceAll("$1\"[left out]\"");
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String scrubbed = scrub(message);
        if (scrubbed != null && !scrubbed.equals(message)) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(scrubbed, ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(scrubbed);
            }
            record.setParameters(null);
        }
        for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String causeMessage = cause.getMessage();
            if (causeMessage != null && !causeMessage.equals(scrub(causeMessage))) {
                String summary = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                String line = summary + " [" + record.getThrown().getClass().getName() + ": stack trace left out, it quotes a token]";
                if (record instanceof ExtLogRecord ext) {
                    ext.setMessage(line, ExtLogRecord.FormatStyle.NO_FORMAT);
                } else {
                    record.setMessage(line);
                }
                record.setParameters(null);
                record.setThrown(null);
                break;
            }
        }
        return true;
    }
}

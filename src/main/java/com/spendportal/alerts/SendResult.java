package com.spendportal.alerts;

/**
 * What one attempt to send a delivery came to: a webhook's HTTP status (null for e-mail or when no
 * answer came) and a short note or error for the delivery log. Never holds a secret or a URL.
 */
record SendResult(boolean delivered, Integer status, String note) {

    static SendResult delivered(Integer status, String note) {
        return new SendResult(true, status, note);
    }

    static SendResult failed(Integer status, String error) {
        return new SendResult(false, status, error);
    }
}

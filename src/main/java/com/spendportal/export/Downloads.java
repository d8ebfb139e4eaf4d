package com.spendportal.export;

import jakarta.ws.rs.core.Response;

/** How every CSV leaves the portal: as an attachment that no cache keeps. */
public final class Downloads {

    public static final String CSV = "text/csv; charset=UTF-8";

    private Downloads() {
    }

    public static Response csv(String fileName, String body) {
        return Response.ok(body, CSV)
                .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}

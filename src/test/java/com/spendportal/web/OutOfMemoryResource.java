package com.spendportal.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.sql.SQLException;

/** Test-only pages that fail the ways {@link FatalTest} needs (src/test: the portal itself has no such page). */
@Path("/test-only/failing")
@RolesAllowed("admin")
public class OutOfMemoryResource {

    @GET
    @Path("out-of-memory")
    public String outOfMemory() {
        throw new OutOfMemoryError("Java heap space (thrown by a test)");
    }

    /** As H2 reports a statement that ran out of memory (error 90108, the error as its cause), through Hibernate. */
    @GET
    @Path("out-of-memory-in-the-database")
    public String outOfMemoryInTheDatabase() {
        throw new PersistenceException("could not execute statement",
                new SQLException("Out of memory.", "90108", 90108, new OutOfMemoryError("Java heap space (thrown by a test)")));
    }

    @GET
    @Path("other")
    public String other() {
        throw new IllegalStateException("an ordinary bug (thrown by a test)");
    }
}

package com.spendportal.accounts;

import com.spendportal.contracts.Contract;
import com.spendportal.users.User;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The dashboard: every account with its contract model and term. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class DashboardPage {

    record Row(Account account, Contract contract) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(List<Row> rows);
    }

    @GET
    @RolesAllowed({User.ADMIN, User.VIEWER})
    public TemplateInstance dashboard() {
        List<Account> accounts = Account.listByName();
        Map<Long, Contract> contracts = Contract.listForAccounts(accounts.stream().map(a -> a.id).toList()).stream()
                .collect(Collectors.toMap(c -> c.account.id, Function.identity()));
        return Templates.dashboard(accounts.stream().map(a -> new Row(a, contracts.get(a.id))).toList());
    }
}

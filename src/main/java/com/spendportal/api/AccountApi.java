package com.spendportal.api;

import com.spendportal.accounts.Account;
import com.spendportal.accounts.AccountInput;
import com.spendportal.accounts.Accounts;
import com.spendportal.accounts.ApiKeyCipher;
import com.spendportal.contracts.Contract;
import com.spendportal.contracts.ContractInput;
import com.spendportal.contracts.ContractService;
import com.spendportal.users.User;
import com.spendportal.wallet.WalletSnapshot;
import com.spendportal.web.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestPath;

/** JSON API for accounts and contract terms (HTTP Basic; DESIGN §7). */
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class AccountApi {

    @Inject
    ApiKeyCipher cipher;

    @Inject
    ContractService contracts;

    @Inject
    SecurityIdentity identity;

    static Account account(long id) {
        Account account = Account.findById(id);
        if (account == null) {
            throw ApiException.notFound("No account with id " + id + ".");
        }
        return account;
    }

    static AccountJson json(Account account) {
        return AccountJson.of(account, Contract.findByAccount(account).orElse(null),
                WalletSnapshot.latestForAccount(account.id).orElse(null));
    }

    @GET
    @RolesAllowed({User.ADMIN, User.VIEWER})
    public List<AccountJson> list() {
        List<Account> accounts = Account.listByName();
        List<Long> ids = accounts.stream().map(a -> a.id).toList();
        Map<Long, Contract> byAccount = Contract.listForAccounts(ids).stream()
                .collect(Collectors.toMap(c -> c.account.id, Function.identity()));
        Map<Long, WalletSnapshot> latest = WalletSnapshot.latestForAccounts(ids).stream()
                .collect(Collectors.toMap(s -> s.accountId, Function.identity(), (a, b) -> a.id > b.id ? a : b));
        return accounts.stream().map(a -> AccountJson.of(a, byAccount.get(a.id), latest.get(a.id))).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({User.ADMIN, User.VIEWER})
    public AccountJson get(@RestPath long id) {
        return json(account(id));
    }

    record CreateAccount(String name, String apiKey) {
    }

    @POST
    @RolesAllowed(User.ADMIN)
    @Transactional
    public Response create(CreateAccount body) {
        if (body == null) {
            throw new ApiException(400, "invalid", "Send a JSON body {\"name\": ..., \"apiKey\": ...}.");
        }
        AccountInput input = new AccountInput(body.name(), body.apiKey());
        Map<String, String> errors = input.validate(null);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Account account = Accounts.create(input, cipher);
        return Response.created(URI.create("/api/accounts/" + account.id)).entity(json(account)).build();
    }

    @PUT
    @Path("{id}/contract")
    @RolesAllowed(User.ADMIN)
    @Transactional
    public AccountJson putContract(@RestPath long id, ContractInput body) {
        Account account = account(id);
        if (body == null) {
            throw new ApiException(400, "invalid", "Send the contract terms as a JSON body.");
        }
        ContractInput.Result result = body.validate(false);
        if (!result.ok()) {
            throw ApiException.invalid(result.errors());
        }
        contracts.replace(account.id, result.terms(), identity.getPrincipal().getName());
        return json(account);
    }
}

package com.spendportal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.spendportal.audit.Audit;
import com.spendportal.costcentres.CostCentre;
import com.spendportal.costcentres.CostCentreInput;
import com.spendportal.costcentres.CostCentreMember;
import com.spendportal.costcentres.CostCentres;
import com.spendportal.web.ApiException;
import com.spendportal.web.ErrorBody;
import com.spendportal.web.PatchBody;
import com.spendportal.web.Roles;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.RestPath;

/**
 * {@code /api/cost-centres}: cost centres with their budgets and members (DESIGN §19). Admins change them, viewers read
 * them. A member that another centre holds is a 409 naming that centre, also when two requests race for it (the unique
 * constraint on {@code cost_centre_member} decides, and the loser's answer names the winner).
 */
@Path("/api/cost-centres")
@Tag(name = "Cost centres")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class CostCentreApi {

    private static final List<String> FIELDS = List.of("name", "ownerEmail", "monthlyBudgetUsd", "members");
    private static final String MEMBERS_SHAPE = "A list of members, each {\"accountId\": 12} (the whole account) or"
            + " {\"accountId\": 12, \"folderId\": \"...\"} (one folder of it; \"\" for the jobs without a folder).";

    @Inject
    Audit audit;

    @Schema(name = "CostCentreMember", description = "A whole account (no folderId), or one HeyGen folder of it (folderId;"
            + " \"\" for the jobs listed without a folder).", requiredProperties = "accountId")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MemberJson(long accountId, String folderId) {
    }

    @Schema(name = "CostCentre", description = "A team's share of the HeyGen bill (DESIGN §19). An account, and a folder"
            + " of an account, is a member of one centre at most.")
    record CostCentreJson(long id, String name, @Schema(description = "Gets the centre's budget alerts and monthly showback"
            + " mail") String ownerEmail, BigDecimal monthlyBudgetUsd,
            @Schema(description = "By account id, the whole account first, then folder ids") List<MemberJson> members) {

        static CostCentreJson of(CostCentre centre, List<CostCentreMember> members) {
            return new CostCentreJson(centre.id, centre.name, centre.ownerEmail,
                    centre.monthlyBudgetUsd == null ? null : centre.monthlyBudgetUsd.setScale(2),
                    members.stream().sorted(Comparator.comparingLong((CostCentreMember m) -> m.accountId)
                            .thenComparing(m -> m.wholeAccount() ? "" : "\u0001" + m.folderKey))
                            .map(m -> new MemberJson(m.accountId, m.folderId())).toList());
        }
    }

    static CostCentre centre(long id) {
        CostCentre centre = CostCentre.findById(id);
        if (centre == null) {
            throw ApiException.notFound("No cost centre with id " + id + ".");
        }
        return centre;
    }

    private static CostCentreJson json(CostCentre centre) {
        return CostCentreJson.of(centre, CostCentreMember.forCentre(centre.id));
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @APIResponse(responseCode = "200", description = "Every cost centre by name.",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = CostCentreJson.class)))
    public List<CostCentreJson> list() {
        Map<Long, List<CostCentreMember>> members = CostCentreMember.<CostCentreMember>listAll().stream()
                .collect(Collectors.groupingBy(m -> m.costCentreId));
        return CostCentre.listByName().stream().map(c -> CostCentreJson.of(c, members.getOrDefault(c.id, List.of()))).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public CostCentreJson get(@RestPath long id) {
        return json(centre(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.CostCentreInput.class)))
    @APIResponse(responseCode = "201", description = "Created; Location is its address.",
            content = @Content(schema = @Schema(implementation = CostCentreJson.class)))
    @APIResponse(responseCode = "409", description = "A member is already in another cost centre; the message names it.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(JsonNode body) {
        Map<String, String> errors = PatchBody.check(body, FIELDS);
        CostCentreInput input = new CostCentreInput(text(body, "name", errors), text(body, "ownerEmail", errors),
                amount(body, errors), members(body.get("members"), errors), false);
        input.validate(null).forEach(errors::putIfAbsent);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        CostCentre centre = saved(input, null, () -> CostCentres.create(input, audit));
        return Response.created(URI.create("/api/cost-centres/" + centre.id)).entity(json(centre)).build();
    }

    /**
     * Changes only the fields sent; JSON null clears the owner's e-mail or the budget, and {@code members}, when sent,
     * replaces every member.
     */
    @PATCH
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiSchemas.CostCentreChanges.class)))
    @APIResponse(responseCode = "200", description = "Changed.", content = @Content(schema = @Schema(implementation = CostCentreJson.class)))
    @APIResponse(responseCode = "409", description = "A member is already in another cost centre; the message names it.",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public CostCentreJson update(@RestPath long id, JsonNode body) {
        CostCentre centre = centre(id);
        Map<String, String> errors = PatchBody.check(body, FIELDS);
        String name = body.has("name") ? text(body, "name", errors) : centre.name;
        String email = body.has("ownerEmail") ? text(body, "ownerEmail", errors) : centre.ownerEmail;
        String budget = body.has("monthlyBudgetUsd") ? amount(body, errors)
                : centre.monthlyBudgetUsd == null ? null : centre.monthlyBudgetUsd.toPlainString();
        CostCentreInput input = new CostCentreInput(name, email, budget, members(body.get("members"), errors), false);
        input.validate(centre.id).forEach(errors::putIfAbsent);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        saved(input, centre.id, () -> {
            CostCentres.update(centre, input, audit);
            return centre;
        });
        return json(centre);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @APIResponse(responseCode = "204", description = "Deleted with its members and its budget alerts; the accounts and"
            + " folders it held are unassigned from then on.")
    public Response delete(@RestPath long id) {
        CostCentres.delete(centre(id), audit);
        return Response.noContent().build();
    }

    /**
     * Runs the change and writes it out, so that a member taken meanwhile by another request (the unique constraint,
     * which {@link CostCentres#refuseTaken} could not see yet) is the same 409 naming its centre.
     */
    private static CostCentre saved(CostCentreInput input, Long selfId, java.util.function.Supplier<CostCentre> change) {
        try {
            CostCentre centre = change.get();
            Panache.getEntityManager().flush();
            return centre;
        } catch (CostCentres.MemberTaken e) {
            throw taken(e.getMessage());
        } catch (PersistenceException e) {
            String constraint = constraint(e);
            if (constraint.contains("uq_cost_centre_member") && input.members() != null) {
                // this transaction can only roll back now: the holder is read in one of its own
                throw taken(QuarkusTransaction.requiringNew().call(() -> {
                    try {
                        CostCentres.refuseTaken(input.members(), selfId);
                        return "A member was taken by another cost centre meanwhile.";
                    } catch (CostCentres.MemberTaken holder) {
                        return holder.getMessage();
                    }
                }));
            }
            if (constraint.contains("uq_cost_centre_name")) {
                throw ApiException.invalid(Map.of("name", "Another cost centre is already called \u201c"
                        + input.trimmedName() + "\u201d."));
            }
            throw e;
        }
    }

    private static ApiException taken(String message) {
        return new ApiException(409, "member_taken", message);
    }

    /** The violated constraint's name in lower case, or "" when it is no constraint violation. */
    private static String constraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation) {
                String name = violation.getConstraintName();
                String text = (name == null ? "" : name) + " " + violation.getMessage();
                return text.toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** A text field: its text, null when absent or JSON null; another type is an error naming it. */
    private static String text(JsonNode body, String field, Map<String, String> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.put(field, "Must be text.");
            return null;
        }
        return value.textValue();
    }

    /** The budget as a JSON number or a decimal string, as text for {@link CostCentreInput}. */
    private static String amount(JsonNode body, Map<String, String> errors) {
        JsonNode value = body.get("monthlyBudgetUsd");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isTextual() && !value.textValue().isBlank()) {
            return value.textValue();
        }
        errors.put("monthlyBudgetUsd", "A decimal as a JSON number or string, such as \"1200.00\", or null for no budget.");
        return null;
    }

    /** The members sent, or null when {@code members} is absent (a PATCH then keeps them). */
    private static List<CostCentreInput.Member> members(JsonNode node, Map<String, String> errors) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            errors.put("members", MEMBERS_SHAPE);
            return null;
        }
        List<CostCentreInput.Member> members = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject() || !item.has("accountId")) {
                errors.put("members", MEMBERS_SHAPE);
                return null;
            }
            for (var names = item.fieldNames(); names.hasNext();) {
                if (!List.of("accountId", "folderId").contains(names.next())) {
                    errors.put("members", MEMBERS_SHAPE);
                    return null;
                }
            }
            JsonNode account = item.get("accountId");
            JsonNode folder = item.get("folderId");
            if (!account.isIntegralNumber() || !account.canConvertToLong()
                    || folder != null && !folder.isNull() && !folder.isTextual()) {
                errors.put("members", MEMBERS_SHAPE);
                return null;
            }
            members.add(new CostCentreInput.Member(account.longValue(), folder == null || folder.isNull() ? null : folder.textValue()));
        }
        return members;
    }
}

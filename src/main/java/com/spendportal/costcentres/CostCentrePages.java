package com.spendportal.costcentres;

import com.spendportal.accounts.Account;
import com.spendportal.audit.Audit;
import com.spendportal.costcentres.CostCentreViews.Member;
import com.spendportal.costcentres.CostCentreViews.MonthLine;
import com.spendportal.costcentres.CostCentreViews.MonthView;
import com.spendportal.costcentres.CostCentreViews.Option;
import com.spendportal.figures.Overview;
import com.spendportal.figures.Overviews;
import com.spendportal.jobs.JobDays;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.showback.ShowbackCalculator.Line;
import com.spendportal.web.Dates;
import com.spendportal.web.Flash;
import com.spendportal.web.Formats;
import com.spendportal.web.Pages;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code /cost-centres}: a month of showback per centre, the unassigned line and the total (DESIGN §19);
 * {@code /cost-centres/{id}}: a centre's members and twelve months of their spend. Admins create, change and delete
 * centres and their members here; viewers read. Figures come from {@link Showbacks}, kept per data version and day.
 */
@Path("/cost-centres")
@Produces(MediaType.TEXT_HTML)
class CostCentrePages {

    /** Months of spend on a centre's page, this one included. */
    static final int MONTHS = 12;

    @Inject
    Showbacks showbacks;

    @Inject
    Overviews overviews;

    @Inject
    Audit audit;

    /**
     * The list page: {@code view} is null when the month asked for cannot be shown ({@code monthError} says why).
     * {@code cacheKey} keeps the figures' table per data version, day and month.
     */
    record ListPage(MonthView view, String monthText, String monthError, YearMonth current, String cacheKey,
            CostCentreInput form, Map<String, String> errors) {

        public YearMonth shown() {
            return view == null ? current : view.month();
        }

        public YearMonth previous() {
            return shown().minusMonths(1);
        }

        /** The month after the one shown, when it has begun. */
        public YearMonth next() {
            YearMonth next = shown().plusMonths(1);
            return next.isAfter(current) ? null : next;
        }
    }

    /** A centre's page; {@code form} and {@code errors} are the edit form's, {@code memberError} the member form's. */
    record DetailPage(CostCentre centre, List<Member> members, List<MonthLine> months, List<Option> options,
            CostCentreInput form, Map<String, String> errors, String memberError) {

        public MonthLine current() {
            return months.get(0);
        }

        public String budgetText() {
            return centre.monthlyBudgetUsd == null ? "" : centre.monthlyBudgetUsd.toPlainString();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ListPage page);

        static native TemplateInstance show(DetailPage page);

        static native TemplateInstance delete(CostCentre centre, int members);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    public Response list(@RestQuery String month) {
        return listResponse(month, new CostCentreInput("", "", "", List.of(), true), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response create(@RestForm String name, @RestForm String ownerEmail, @RestForm String monthlyBudgetUsd) {
        CostCentreInput input = new CostCentreInput(name, ownerEmail, monthlyBudgetUsd, List.of(), true);
        Map<String, String> errors = input.validate(null);
        if (!errors.isEmpty()) {
            return listResponse(null, input, errors);
        }
        CostCentre centre = CostCentres.create(input, audit);
        return Flash.redirect("/cost-centres/" + centre.id,
                "Cost centre \u201c" + centre.name + "\u201d created. Next: add its accounts and folders.");
    }

    private Response listResponse(String monthText, CostCentreInput form, Map<String, String> errors) {
        // The version first: what is computed after it is at least as new as the key it is kept under.
        Overviews.Computed computed = overviews.current();
        YearMonth current = YearMonth.from(computed.day());
        String monthError = null;
        YearMonth month = current;
        if (monthText != null && !monthText.isEmpty()) {
            month = Dates.month(monthText);
            if (month == null) {
                monthError = Dates.MONTH_MESSAGE;
            } else if (month.isAfter(current)) {
                monthError = Formats.label(month) + " has not begun: choose " + Formats.label(current) + " or an earlier month.";
            }
        }
        MonthView view = monthError == null ? new MonthView(showbacks.month(month)) : null;
        String key = computed.version() + ":" + computed.day() + ":" + month;
        ListPage page = new ListPage(view, monthText == null ? current.toString() : monthText, monthError, current, key,
                form, errors);
        int status = monthError != null || !errors.isEmpty() ? 400 : 200;
        return Response.status(status).type(Pages.HTML).entity(Pages.bytes(Templates.list(page))).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Produces(Pages.HTML)
    public byte[] show(@RestPath long id) {
        CostCentre centre = require(id);
        return Pages.bytes(Templates.show(detail(centre, formOf(centre), Map.of(), null, null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/edit")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response edit(@RestPath long id, @RestForm String name, @RestForm String ownerEmail,
            @RestForm String monthlyBudgetUsd) {
        CostCentre centre = require(id);
        CostCentreInput input = new CostCentreInput(name, ownerEmail, monthlyBudgetUsd, null, true);
        Map<String, String> errors = input.validate(centre.id);
        if (!errors.isEmpty()) {
            return refused(detail(centre, input, errors, null, null));
        }
        CostCentres.update(centre, input, audit);
        return Flash.redirect("/cost-centres/" + centre.id, "Cost centre \u201c" + centre.name + "\u201d saved.");
    }

    /** Adds a whole account or one of its folders ({@code member}: an option of {@link CostCentreViews#optionValue}). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/members")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response addMember(@RestPath long id, @RestForm String member) {
        CostCentre centre = require(id);
        CostCentreInput.Member chosen = CostCentreViews.parseOption(member);
        List<CostCentreInput.Member> members = new ArrayList<>(CostCentres.memberInputs(centre.id));
        String problem = null;
        if (chosen == null) {
            problem = "Choose an account, or a folder of one.";
        } else if (members.contains(chosen)) {
            problem = "It is already a member of this cost centre.";
        } else {
            members.add(chosen);
            String invalid = sameCentre(centre, members).validate(centre.id).get("members");
            if (invalid != null) {
                problem = invalid;
            } else {
                try {
                    CostCentres.refuseTaken(List.of(chosen), centre.id);
                } catch (CostCentres.MemberTaken taken) {
                    problem = taken.getMessage();
                }
            }
        }
        if (problem != null) {
            return refused(detail(centre, formOf(centre), Map.of(), problem, member));
        }
        CostCentres.update(centre, sameCentre(centre, members), audit);
        return Flash.redirect("/cost-centres/" + centre.id + "#members", describe(chosen) + " added to \u201c" + centre.name
                + "\u201d.");
    }

    /** Removes one member ({@code member}: its id). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/members/remove")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response removeMember(@RestPath long id, @RestForm Long member) {
        CostCentre centre = require(id);
        CostCentreMember row = member == null ? null : CostCentreMember.findById(member);
        if (row == null || row.costCentreId != centre.id) {
            return Flash.redirect("/cost-centres/" + centre.id + "#members", "That member was already removed.");
        }
        CostCentreInput.Member removed = new CostCentreInput.Member(row.accountId, row.folderId());
        List<CostCentreInput.Member> members = new ArrayList<>(CostCentres.memberInputs(centre.id));
        members.remove(removed);
        String what = describe(removed);
        CostCentres.update(centre, sameCentre(centre, members), audit);
        return Flash.redirect("/cost-centres/" + centre.id + "#members", what + " removed from \u201c" + centre.name + "\u201d.");
    }

    @GET
    @Path("{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance confirmDelete(@RestPath long id) {
        CostCentre centre = require(id);
        return Templates.delete(centre, (int) CostCentreMember.count("costCentreId", centre.id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Path("{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public Response delete(@RestPath long id) {
        CostCentre centre = require(id);
        String name = centre.name;
        CostCentres.delete(centre, audit);
        return Flash.redirect("/cost-centres", "Cost centre \u201c" + name + "\u201d deleted; its accounts and folders are"
                + " unassigned now.");
    }

    private static CostCentre require(long id) {
        CostCentre centre = CostCentre.findById(id);
        if (centre == null) {
            throw new NotFoundException();
        }
        return centre;
    }

    private static CostCentreInput formOf(CostCentre centre) {
        return new CostCentreInput(centre.name, centre.ownerEmail == null ? "" : centre.ownerEmail,
                centre.monthlyBudgetUsd == null ? "" : centre.monthlyBudgetUsd.toPlainString(), null, true);
    }

    /** The centre as it is, with other members. */
    private static CostCentreInput sameCentre(CostCentre centre, List<CostCentreInput.Member> members) {
        return new CostCentreInput(centre.name, centre.ownerEmail,
                centre.monthlyBudgetUsd == null ? null : centre.monthlyBudgetUsd.toPlainString(), members, false);
    }

    private static Response refused(DetailPage page) {
        return Response.status(400).type(Pages.HTML).entity(Pages.bytes(Templates.show(page))).build();
    }

    /**
     * "Account “Acme”", "Folder “Marketing” of account “Acme”". Read from the tables, not the showback: after a change
     * the kept figures are a data version behind.
     */
    private static String describe(CostCentreInput.Member m) {
        Account account = Account.findById(m.accountId());
        String name = account == null ? "#" + m.accountId() : account.name;
        if (m.folderId() == null) {
            return "Account \u201c" + name + "\u201d";
        }
        return "Folder \u201c" + JobDays.folderLabel(JobDays.folderNames().get(m.accountId()), m.folderId())
                + "\u201d of account \u201c" + name + "\u201d";
    }

    private Map<Long, String> accountNames() {
        Map<Long, String> names = new HashMap<>();
        for (Overview o : overviews.current().byName()) {
            names.put(o.account().id, o.account().name);
        }
        return names;
    }

    private DetailPage detail(CostCentre centre, CostCentreInput form, Map<String, String> errors, String memberError,
            String chosen) {
        Overviews.Computed computed = overviews.current();
        YearMonth current = YearMonth.from(computed.day());
        List<Showbacks.Month> months = showbacks.range(current.minusMonths(MONTHS - 1), current);
        Showbacks.Month latest = months.get(months.size() - 1);
        Map<Long, String> names = accountNames();
        List<Member> members = new ArrayList<>();
        for (CostCentreMember m : CostCentreMember.forCentre(centre.id)) {
            members.add(new Member(m.id, m.accountId, names.getOrDefault(m.accountId, "#" + m.accountId), m.folderId(),
                    m.wholeAccount() ? null : latest.folderLabel(m.accountId, m.folderId())));
        }
        members.sort(Comparator.comparing((Member m) -> m.accountName().toLowerCase()).thenComparing(Member::accountId)
                .thenComparing(m -> m.wholeAccount() ? "" : "\u0001" + m.folderName().toLowerCase()));
        List<MonthLine> lines = new ArrayList<>();
        for (int i = months.size() - 1; i >= 0; i--) {
            lines.add(CostCentreViews.monthLine(months.get(i), centre.id, members));
        }
        return new DetailPage(centre, members, lines, options(computed, months, centre.id, chosen), form, errors, memberError);
    }

    /**
     * The accounts and the folders the portal knows of each (those with job seconds in the twelve months, and those
     * whose names were read), without this centre's members; one held by another centre says which.
     */
    private static List<Option> options(Overviews.Computed computed, List<Showbacks.Month> months, long centreId,
            String chosen) {
        Map<Long, Set<String>> folders = new HashMap<>();
        for (Showbacks.Month month : months) {
            List<Line> lines = new ArrayList<>(month.showback().unassigned().lines());
            for (CentreMonth c : month.showback().centres()) {
                lines.addAll(c.lines());
            }
            for (Line l : lines) {
                if (!l.folderId().isEmpty() || l.jobSeconds().signum() > 0) {
                    folders.computeIfAbsent(l.accountId(), k -> new TreeSet<>()).add(l.folderId());
                }
            }
            month.folderNames().forEach((account, names) -> folders.computeIfAbsent(account, k -> new TreeSet<>())
                    .addAll(names.keySet()));
        }
        Showbacks.Month latest = months.get(months.size() - 1);
        Map<String, String> heldBy = new HashMap<>();
        for (CostCentreMember m : CostCentreMember.<CostCentreMember>listAll()) {
            CostCentre holder = latest.centres().get(m.costCentreId);
            heldBy.put(CostCentreViews.optionValue(m.accountId, m.folderId()),
                    m.costCentreId == centreId ? "" : holder == null ? "another cost centre" : holder.name);
        }
        List<Option> options = new ArrayList<>();
        for (Overview o : computed.byName()) {
            long account = o.account().id;
            add(options, heldBy, chosen, CostCentreViews.optionValue(account, null), o.account().name + " \u2014 whole account");
            List<String> ids = new ArrayList<>(folders.getOrDefault(account, Set.of()));
            ids.sort(Comparator.comparing((String f) -> latest.folderLabel(account, f).toLowerCase())
                    .thenComparing(f -> f));
            ids.sort(Comparator.comparing(String::isEmpty)); // "No folder" last, the rest as sorted
            for (String folder : ids) {
                add(options, heldBy, chosen, CostCentreViews.optionValue(account, folder),
                        o.account().name + " \u2014 " + latest.folderLabel(account, folder));
            }
        }
        return options;
    }

    private static void add(List<Option> options, Map<String, String> heldBy, String chosen, String value, String label) {
        String holder = heldBy.get(value);
        if ("".equals(holder)) {
            return; // a member of this centre already
        }
        options.add(new Option(value, holder == null ? label : label + " (in " + holder + ")", value.equals(chosen)));
    }
}

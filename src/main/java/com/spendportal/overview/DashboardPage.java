package com.spendportal.overview;

import com.spendportal.costcentres.Showbacks;
import com.spendportal.figures.Overview;
import com.spendportal.figures.Overviews;
import com.spendportal.showback.ShowbackCalculator.CentreMonth;
import com.spendportal.web.Pages;
import com.spendportal.web.PortalConfig;
import com.spendportal.web.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The dashboard: every account, what it costs this month and what needs attention first. A
 * thousand accounts page by {@link #PAGE_SIZE}, with the count of each attention level on top and a
 * name filter; {@code /accounts.csv} keeps every account.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
class DashboardPage {

    static final int PAGE_SIZE = 50;

    @Inject
    PortalConfig config;

    @Inject
    Overviews overviews;

    @Inject
    SecurityIdentity identity;

    @Inject
    Showbacks showbacks;

    /**
     * One page of lines, and what the header and the pager need.
     *
     * @param total    accounts in the portal
     * @param matching accounts whose name contains the filter (all of them without a filter)
     */
    record Listing(List<Overview> rows, int total, int matching, long act, long watch, long ok, long noContract,
            boolean demoLoaded, String sort, String q, int page, int pages, String cacheKey, BudgetWatch budget) {

        public boolean empty() {
            return total == 0;
        }

        public int first() {
            return matching == 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
        }

        public int last() {
            return first() + rows.size() - 1;
        }

        /** The query string of another page of the same listing. */
        public String link(int toPage) {
            return link(toPage, sort);
        }

        /** The query string of the first page of the same filter in another order. */
        public String sortedLink(String order) {
            return link(1, order);
        }

        private String link(int toPage, String order) {
            StringBuilder link = new StringBuilder("?page=").append(toPage);
            if ("name".equals(order)) {
                link.append("&sort=name");
            }
            if (!q.isEmpty()) {
                link.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
            }
            return link.toString();
        }

        public List<Integer> pageNumbers() {
            return IntStream.rangeClosed(1, pages).boxed().toList();
        }
    }

    /** A cost centre the notice names: {@code near} at 80% of its budget or more, {@code projectedOver} as it says. */
    record BudgetFlag(long id, String name, BigDecimal budgetUsedPct, BigDecimal projectedUsd, BigDecimal monthlyBudgetUsd,
            boolean near, boolean projectedOver) {
    }

    /**
     * The notice of cost centres at 80% of their budget or projected over it this month (DESIGN §19). Its text is kept
     * per data version and day, so the showback is asked for only when that text is made.
     */
    static final class BudgetWatch {

        static final int SHOWN = 5;
        private static final BigDecimal NEAR = new BigDecimal("80");

        private final Showbacks showbacks;
        private final YearMonth month;
        private final String key;
        private List<BudgetFlag> flags;

        BudgetWatch(Showbacks showbacks, Overviews.Computed computed) {
            this.showbacks = showbacks;
            this.month = YearMonth.from(computed.day());
            this.key = "budget:" + computed.version() + ":" + computed.day();
        }

        public String key() {
            return key;
        }

        /** Every flagged centre, by name. */
        public List<BudgetFlag> all() {
            if (flags == null) {
                List<BudgetFlag> found = new ArrayList<>();
                for (CentreMonth c : showbacks.month(month).showback().centres()) {
                    BigDecimal budget = c.centre().monthlyBudgetUsd();
                    if (budget == null) {
                        continue;
                    }
                    boolean near = c.budgetUsedPct() != null && c.budgetUsedPct().compareTo(NEAR) >= 0;
                    boolean projectedOver = c.projectedUsd() != null && c.projectedUsd().compareTo(budget) > 0;
                    if (near || projectedOver) {
                        found.add(new BudgetFlag(c.centre().id(), c.centre().name(), c.budgetUsedPct(), c.projectedUsd(),
                                budget, near, projectedOver));
                    }
                }
                flags = List.copyOf(found);
            }
            return flags;
        }

        public List<BudgetFlag> shown() {
            return all().subList(0, Math.min(SHOWN, all().size()));
        }

        public int more() {
            return all().size() - shown().size();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Listing listing, LocalDate today);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Produces(Pages.HTML)
    public byte[] dashboard(@RestQuery String sort, @RestQuery @Encoded String q, @RestQuery String page) {
        Overviews.Computed all = overviews.current();
        boolean byName = "name".equals(sort);
        String filter = formDecoded(q).strip();
        String needle = filter.toLowerCase(Locale.ROOT);
        List<Overview> matching = (byName ? all.byName() : all.byAttention()).stream()
                .filter(o -> needle.isEmpty() || o.account().name.toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(1, parsePage(page)), pages);
        Instant now = Instant.now();
        // The table is rendered once per data version, listing, role and minute: the wallet ages it shows
        // ("4 minutes ago") are told in minutes.
        String cacheKey = "dashboard:" + all.version() + ":" + all.day() + ":" + now.getEpochSecond() / 60 + ":"
                + (byName ? "name" : "attention") + ":" + current + ":" + identity.hasRole(Roles.ADMIN) + ":" + filter;
        List<Overview> shown = matching.subList(Math.min((current - 1) * PAGE_SIZE, matching.size()),
                Math.min(current * PAGE_SIZE, matching.size()));
        // Aged only when the table is rendered, which a cached table is not.
        List<Overview> rows = new AbstractList<>() {
            @Override
            public Overview get(int index) {
                return shown.get(index).at(now, config.wallet().pollInterval());
            }

            @Override
            public int size() {
                return shown.size();
            }
        };
        Listing listing = new Listing(rows, all.byName().size(), matching.size(), all.count(Overview.ACT),
                all.count(Overview.WATCH), all.count(Overview.OK), all.count(Overview.NONE), all.demoLoaded(),
                byName ? "name" : "attention", filter, current, pages, cacheKey, new BudgetWatch(showbacks, all));
        return Pages.bytes(Templates.dashboard(listing, all.day()));
    }

    /** The filter as the form sent it: a space arrives as {@code +}, a plus as {@code %2B}. */
    private static String formDecoded(String raw) {
        if (raw == null) {
            return "";
        }
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static int parsePage(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

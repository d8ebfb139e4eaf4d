package com.spendportal.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.qute.EngineConfiguration;
import io.quarkus.qute.Expression;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.TemplateNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code {#cachedText key=...}...{/cachedText}}: a part of a page rendered once per key and kept as its text only
 * (DESIGN §10). Qute's own {@code {#cached}} keeps, beside the text, a reference to the resolution context it was
 * rendered in, and so every object the part was rendered from: 1.6 MB a dashboard copy at 300 accounts, and a key
 * that moves with every wallet reading ran a 512 MB heap out in minutes (issue 27). Here the cache holds strings,
 * bounded by their size in bytes ({@code portal.page-cache.max-size-mb}), least recently used out first.
 */
@EngineConfiguration
public class CachedText implements SectionHelperFactory<CachedText.Helper> {

    static final String KEY = "key";

    private static volatile Cache<String, String> parts;

    @Override
    public List<String> getDefaultAliases() {
        return List.of("cachedText");
    }

    @Override
    public ParametersInfo getParameters() {
        return ParametersInfo.builder().addParameter(KEY).build();
    }

    @Override
    public Helper initialize(SectionInitContext context) {
        TemplateNode.Origin origin = context.getOrigin();
        return new Helper(origin.getTemplateId() + ":" + origin.getLine() + ":" + origin.getLineCharacterStart() + "_",
                context.getExpression(KEY));
    }

    @Override
    public Scope initializeBlock(Scope previousScope, BlockInfo block) {
        if (block.getLabel().equals(MAIN_BLOCK_NAME)) {
            block.addExpression(KEY, block.getParameters().get(KEY));
        }
        return previousScope;
    }

    /** Bytes the kept parts take now (an estimate: two bytes a character), for tests and the log. */
    public static long weightBytes() {
        return parts().policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    }

    /** The largest weight the kept parts may reach, in bytes. */
    public static long maxBytes() {
        return parts().policy().eviction().map(e -> e.getMaximum()).orElse(0L);
    }

    /** A new cache for each start of the portal (the tests start several in one JVM, each with its own database). */
    @jakarta.inject.Singleton
    static class Reset {
        void onStart(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
            parts = null;
        }
    }

    private static Cache<String, String> parts() {
        Cache<String, String> c = parts;
        if (c == null) {
            synchronized (CachedText.class) {
                c = parts;
                if (c == null) {
                    long megabytes = ConfigProvider.getConfig().unwrap(io.smallrye.config.SmallRyeConfig.class)
                            .getConfigMapping(PortalConfig.class).pageCache().maxSizeMb();
                    c = Caffeine.newBuilder().maximumWeight(megabytes * 1024 * 1024)
                            .weigher((String key, String text) -> 2 * (key.length() + text.length()) + 64)
                            .expireAfterAccess(Duration.ofMinutes(30)).build();
                    parts = c;
                }
            }
        }
        return c;
    }

    static final class Helper implements SectionHelper {

        private final String prefix;
        private final Expression key;

        Helper(String prefix, Expression key) {
            this.prefix = prefix;
            this.key = key;
        }

        @Override
        public CompletionStage<ResultNode> resolve(SectionResolutionContext context) {
            return context.resolutionContext().evaluate(key).thenCompose(k -> {
                String fullKey = prefix + k;
                String kept = parts().getIfPresent(fullKey);
                if (kept != null) {
                    return CompletableFuture.completedFuture(new Text(kept));
                }
                return context.execute().thenApply(node -> {
                    StringBuilder text = new StringBuilder();
                    node.process(text::append);
                    String rendered = text.toString();
                    parts().put(fullKey, rendered);
                    return new Text(rendered);
                });
            });
        }
    }

    /** A rendered part: its text and nothing else. */
    static final class Text extends ResultNode {

        private final String text;

        Text(String text) {
            this.text = text;
        }

        @Override
        public void process(java.util.function.Consumer<String> consumer) {
            consumer.accept(text);
        }
    }
}

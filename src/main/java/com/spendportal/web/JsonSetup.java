package com.spendportal.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Decimals travel as exact plain numbers both ways: never through double, never as 1E+3. Bodies are strict: an unknown
 * field or trailing text is a 400 ({@link ErrorMappers#badBody}). HeyGen's answers are read with a mapper of their own.
 */
@Singleton
class JsonSetup implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // Keep 50000.0 as written: the default factory normalizes it to 5E+4.
        mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        // A body with a field we do not know is refused by name (DESIGN §9): a typo must not pass as "left out".
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}

package com.spendportal.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every endpoint says who may call it (DESIGN §9); the config's deny-unannotated is the safety net, not the plan. */
@Tag("h2-only") // no database: the endpoints' annotations
class AccessDeclarationTest {

    private static final List<Class<? extends Annotation>> HTTP = List.of(GET.class, POST.class, PUT.class, DELETE.class, PATCH.class);

    @Test
    void everyEndpointDeclaresItsRoles() throws IOException, ClassNotFoundException {
        List<String> endpoints = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        Path classes = Path.of("target", "classes");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve("com/spendportal"))) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (type.isInterface() || !type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                continue;
            }
            boolean classDeclares = declares(type.getAnnotations());
            for (Method method : type.getDeclaredMethods()) {
                if (HTTP.stream().noneMatch(method::isAnnotationPresent)) {
                    continue;
                }
                endpoints.add(type.getSimpleName() + "." + method.getName());
                if (!classDeclares && !declares(method.getAnnotations())) {
                    undeclared.add(type.getName() + "." + method.getName());
                }
            }
        }
        assertTrue(endpoints.size() > 20, "endpoints found: " + endpoints);
        assertTrue(undeclared.isEmpty(), "endpoints without @RolesAllowed/@PermitAll/@DenyAll: " + undeclared);
    }

    @Test
    void onlyTheLoginPageAndTheDemoUpstreamArePublic() throws Exception {
        List<String> open = new ArrayList<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> walk = Files.walk(classes.resolve("com/spendportal"))) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                Class<?> type = Class.forName(classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""),
                        false, getClass().getClassLoader());
                for (Method method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(PermitAll.class) || type.isAnnotationPresent(PermitAll.class)
                            && HTTP.stream().anyMatch(method::isAnnotationPresent)) {
                        open.add(type.getAnnotation(jakarta.ws.rs.Path.class).value());
                    }
                }
            }
        }
        assertFalse(open.isEmpty());
        // /sso: the page the identity provider's refusals land on (SsoLogin.error), which has no session yet
        assertTrue(open.stream().allMatch(p -> p.equals("/login") || p.equals("/sso") || p.startsWith("/demo-heygen")),
                open.toString());
    }

    private static boolean declares(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof RolesAllowed || a instanceof PermitAll || a instanceof DenyAll) {
                return true;
            }
        }
        return false;
    }
}

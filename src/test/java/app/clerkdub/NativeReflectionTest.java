package app.clerkdub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Cache;

import app.clerkdub.fakes.Fakes;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.arc.InjectableBean;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The native image holds a class that a library loads by name only when it is registered for reflection, and
 * a missing one shows only when the native binary starts (and exits). Caffeine is such a library: each cache
 * shape (bounded by size, expiring after access or write, ...) is a pair of generated classes, the cache and
 * its node, loaded by name, and the Quarkus extension registers only some shapes. This test finds every
 * Caffeine cache that the running service holds (walking the fields of its beans and of the objects they
 * own), reads the classes Caffeine picked for it, and requires them in the {@link RegisterForReflection}
 * {@code classNames} of the class whose field holds the cache. A new cache, or a changed shape, fails here,
 * on the JVM, before any native build.
 */
@QuarkusTest
@WithTestResource(Fakes.class)
class NativeReflectionTest {
    private static final String SERVICE = "app.clerkdub.";

    @Test
    void everyCacheTheServiceHoldsHasItsGeneratedClassesRegisteredByItsOwner() throws Exception {
        Map<String, Set<String>> missing = new TreeMap<>();
        List<String> found = new ArrayList<>();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (bean.getBeanClass().getName().startsWith(SERVICE) && bean.getScope() != RequestScoped.class) {
                Object instance = Arc.container().instance((InjectableBean<?>) bean).get();
                walk(ClientProxy.unwrap(instance), seen, found, missing);
            }
        }
        assertFalse(found.isEmpty(), "the service holds caches (the quotas' maps): none found, so nothing was checked");
        assertEquals(Map.of(), missing, "classes Caffeine loads by name for the caches " + found
                + ", not in their owner's @RegisterForReflection(classNames = ...): the native binary would exit at start");
    }

    private static void walk(Object owner, Set<Object> seen, List<String> found, Map<String, Set<String>> missing)
            throws Exception {
        if (owner == null || !seen.add(owner)) {
            return;
        }
        for (Class<?> type = owner.getClass(); type.getName().startsWith(SERVICE); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                Object value = field.get(owner);
                if (value instanceof Cache<?, ?> cache) {
                    String where = type.getSimpleName() + "." + field.getName();
                    Set<String> generated = generatedClasses(cache);
                    found.add(where + " " + generated);
                    generated.removeAll(registered(type));
                    if (!generated.isEmpty()) {
                        missing.put(where, generated);
                    }
                } else if (value != null && value.getClass().getName().startsWith(SERVICE)) {
                    walk(value, seen, found, missing);
                }
            }
        }
    }

    /**
     * The classes Caffeine chose by name for this cache: the cache's own class and its node factory's, each
     * named by the features it has ({@code SSMSA}, {@code PSAMS}, ...), as Caffeine's code generator names them.
     */
    private static Set<String> generatedClasses(Cache<?, ?> cache) throws Exception {
        Object local = read(cache, "cache");
        Set<String> names = new LinkedHashSet<>();
        addIfGenerated(names, local.getClass());
        Object nodeFactory = read(local, "nodeFactory");
        if (nodeFactory != null) {
            addIfGenerated(names, nodeFactory.getClass());
        }
        return names;
    }

    private static void addIfGenerated(Set<String> names, Class<?> type) {
        if (type.getPackageName().equals(Cache.class.getPackageName()) && type.getSimpleName().matches("[A-Z]+")) {
            names.add(type.getName());
        }
    }

    /** A field of Caffeine's, wherever in the class hierarchy; null where there is none (an unbounded cache). */
    private static Object read(Object target, String name) throws Exception {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(target);
            } catch (NoSuchFieldException notHere) {
                // look further up
            }
        }
        return null;
    }

    private static Set<String> registered(Class<?> owner) {
        RegisterForReflection registration = owner.getAnnotation(RegisterForReflection.class);
        return registration == null ? Set.of() : Set.of(registration.classNames());
    }
}

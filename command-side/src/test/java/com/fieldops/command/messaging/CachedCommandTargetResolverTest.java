package com.fieldops.command.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/** The cached resolver routes every shape of command exactly as Axon's annotation resolver does. */
class CachedCommandTargetResolverTest {

    record OnAComponent(@TargetAggregateIdentifier UUID id, String name) {
    }

    record WithAVersion(@TargetAggregateIdentifier String id, @TargetAggregateVersion Long version) {
    }

    record WithATextVersion(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    static final class OnAField {
        @TargetAggregateIdentifier
        private final String id;

        OnAField(String id) {
            this.id = id;
        }
    }

    static class OnAMethod {
        @TargetAggregateIdentifier
        String target() {
            return "from-a-method";
        }
    }

    static final class OnASubclass extends OnAMethod {
    }

    record Unrouted(String id) {
    }

    private final CommandTargetResolver cached = new CachedCommandTargetResolver();
    private final CommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    private VersionedAggregateIdentifier both(Object payload) {
        VersionedAggregateIdentifier expected = axon.resolveTarget(GenericCommandMessage.asCommandMessage(payload));
        VersionedAggregateIdentifier resolved = cached.resolveTarget(GenericCommandMessage.asCommandMessage(payload));
        assertThat(resolved.getIdentifier()).isEqualTo(expected.getIdentifier());
        assertThat(resolved.getVersion()).isEqualTo(expected.getVersion());
        // asked again: the members come from the cache now
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(payload)).getIdentifier())
                .isEqualTo(expected.getIdentifier());
        return resolved;
    }

    @Test
    void routesLikeAxon() {
        UUID id = UUID.randomUUID();
        assertThat(both(new OnAComponent(id, "Electrical")).getIdentifier()).isEqualTo(id.toString());
        assertThat(both(new OnAComponent(UUID.randomUUID(), "another instance, the same class")).getVersion()).isNull();
        assertThat(both(new WithAVersion("a", 7L)).getVersion()).isEqualTo(7L);
        assertThat(both(new WithAVersion("a", null)).getVersion()).isNull();
        assertThat(both(new WithATextVersion("b", "12")).getVersion()).isEqualTo(12L);
        assertThat(both(new OnAField("from-a-field")).getIdentifier()).isEqualTo("from-a-field");
        assertThat(both(new OnASubclass()).getIdentifier()).isEqualTo("from-a-method");
    }

    @Test
    void aCommandWithoutATargetOrWithANullOneIsRefusedAsByAxon() {
        for (Object payload : new Object[] {new Unrouted("x"), new OnAComponent(null, "no id")}) {
            assertThatThrownBy(() -> axon.resolveTarget(GenericCommandMessage.asCommandMessage(payload)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cached.resolveTarget(GenericCommandMessage.asCommandMessage(payload)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(payload.getClass().getSimpleName());
        }
    }
}

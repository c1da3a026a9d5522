package io.iotconsole.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SortColumnsTests {
    final SortColumns sorts = SortColumns.of("-placedAt", "id", "placedAt", "placed_at", "name", "lower(name), name");

    @Test
    void noSortIsTheDefaultAndEveryColumnTakesTheDirection() {
        assertThat(sorts.parse(null).orderBy()).isEqualTo("placed_at DESC, id");
        assertThat(sorts.parse(" ").parameter()).isEqualTo("-placedAt");
        assertThat(sorts.parse("name").orderBy()).isEqualTo("lower(name), name, id");
        assertThat(sorts.parse("-name").orderBy()).isEqualTo("lower(name) DESC, name DESC, id");
        assertThat(sorts.parse("-name").parameter()).isEqualTo("-name");
    }

    @Test
    void aCommaInsideBracketsBelongsToItsExpression() {
        SortColumns withFunction = SortColumns.of("seen", "id", "seen", "coalesce(last_seen, created_at), name");
        assertThat(withFunction.parse("-seen").orderBy())
                .isEqualTo("coalesce(last_seen, created_at) DESC, name DESC, id");
    }

    @Test
    void anUnknownColumnIsRefusedNamingSortAndNoTextReachesTheSql() {
        assertThatThrownBy(() -> sorts.parse("name; DROP TABLE x"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("placedAt, name");
        assertThatThrownBy(() -> sorts.parse("--name")).isInstanceOf(InvalidInputException.class);
    }
}

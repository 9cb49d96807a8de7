package dev.legacybridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhpSerializedKeysTest {

    @Test
    void trueKeysWhenWordPressCapabilitiesThenRolesInOrder() {
        assertThat(PhpSerializedKeys.trueKeys("a:1:{s:13:\"administrator\";b:1;}")).containsExactly("administrator");
        assertThat(PhpSerializedKeys.trueKeys("a:3:{s:6:\"editor\";b:1;s:6:\"author\";b:0;s:11:\"shop_worker\";i:1;}"))
                .containsExactly("editor", "shop_worker");
        assertThat(PhpSerializedKeys.trueKeys("a:0:{}")).isEmpty();
    }

    @Test
    void trueKeysWhenMultiByteNameThenLengthCountsBytes() {
        // PHP's s:<n> is a byte count: "rédacteur" is 10 bytes in UTF-8.
        assertThat(PhpSerializedKeys.trueKeys("a:1:{s:10:\"rédacteur\";b:1;}")).containsExactly("rédacteur");
        assertThat(PhpSerializedKeys.entryOf("rédacteur")).isEqualTo("s:10:\"rédacteur\";b:1;");
    }

    @Test
    void trueKeysWhenValuesOfOtherTypesThenPhpTruthiness() {
        assertThat(PhpSerializedKeys.trueKeys("a:5:{s:1:\"a\";s:1:\"0\";s:1:\"b\";s:3:\"yes\";s:1:\"c\";N;"
                + "s:1:\"d\";d:0.5;i:7;b:1;}")).containsExactly("b", "d", "7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "administrator", "s:13:\"administrator\";", "a:1:{s:14:\"administrator\";b:1;}",
            "a:1:{s:13:\"administrator\";b:1;", "a:1:{s:13:\"administrator\";a:1:{i:0;b:1;}}",
            "a:1:{s:13:\"administrator\";b:1;}trailing", "a:2:{s:13:\"administrator\";b:1;}",
            "a:999999999999:{}", "O:8:\"stdClass\":0:{}", "a:1:{s:-1:\"\";b:1;}"})
    void trueKeysWhenNotAFlatArrayThenNoNamesAndNoException(String value) {
        assertThat(PhpSerializedKeys.trueKeys(value)).isEmpty();
    }
}

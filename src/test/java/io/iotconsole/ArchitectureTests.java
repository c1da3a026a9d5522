package io.iotconsole;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.iotconsole.security.ConsoleUser;
import io.iotconsole.security.TenantScope;
import io.iotconsole.security.Unscoped;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

/**
 * Tenant scope comes from the policy: only the security module reads who the caller is and what role they have, and
 * every repository method takes the caller's {@link TenantScope} unless it says why not.
 */
class ArchitectureTests {
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.iotconsole");

    @Test
    void onlySecurityReadsTheCallersRoleOrAsksWhetherTheyAreTheOperator() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.iotconsole.security..")
                .should()
                .callMethod(ConsoleUser.class, "role")
                .orShould()
                .callMethod(ConsoleUser.class, "isOperator")
                .because("the policy (AccessPolicy) decides permission and tenant scope; modules ask it")
                .check(PRODUCT);
    }

    @Test
    void everyRepositoryMethodTakesTheTenantScopeOrSaysWhyNot() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(Repository.class)
                .and()
                .doNotHaveModifier(JavaModifier.PRIVATE)
                .and()
                .doNotHaveModifier(JavaModifier.STATIC)
                .and()
                .doNotHaveModifier(JavaModifier.SYNTHETIC)
                .and()
                .doNotHaveName("<init>")
                .should(new ArchCondition<JavaMethod>("take a TenantScope or be annotated @Unscoped with the reason") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        boolean scoped = method.getRawParameterTypes().stream()
                                .anyMatch(t -> t.isEquivalentTo(TenantScope.class));
                        boolean excused = method.isAnnotatedWith(Unscoped.class);
                        events.add(new SimpleConditionEvent(
                                method,
                                scoped || excused,
                                method.getFullName() + (scoped || excused ? " is scoped" : " takes no TenantScope")));
                    }
                })
                .check(PRODUCT);
    }
}

package io.iotconsole.organization;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotconsole.support.IntegrationTest;
import io.iotconsole.support.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The organisation's account page: who reads it, who edits it, what bad input gets, whose page is a 404. */
@IntegrationTest
class AccountPageTests {
    @Autowired
    TestData data;

    private static Map<String, String> company(String name, String legal, String billing) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("legalName", legal);
        form.put("address", "1 Main Street\nLeeds");
        form.put("billingAddress", billing);
        form.put("shippingAddress", "Dock 4\nHull");
        return form;
    }

    private String column(UUID org, String column) {
        return data.jdbc()
                .sql("SELECT " + column + " FROM organization WHERE id = :id")
                .param("id", org)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void anOwnerEditsTheCompanyDataBadInputStaysInTheFormAndTheChangeIsAudited() {
        var org = data.organization("Account Co");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        assertThat(owner.get("/").body()).contains("href=\"/account\"");
        String page = owner.get("/account").body();
        assertThat(page).contains(org.accountNumber(), "id=\"company-form\"", "Billing address", "Shipping address");

        var bad = owner.submit("/account", "/account", company(" ", "L".repeat(201), "<b>Invoices</b> Street"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body())
                .contains("Please correct the fields marked below.")
                .contains("Enter the organisation&#39;s name")
                .contains("&lt;b&gt;Invoices&lt;/b&gt; Street")
                .contains("LLLLLLLLLL");
        assertThat(column(org.id(), "name")).isEqualTo("Account Co");
        assertThat(column(org.id(), "billing_address")).isNull();

        var saved =
                owner.submit("/account", "/account", company("Account Co Ltd", "Account Company Limited", "PO Box 7"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/account");
        assertThat(owner.get("/account").body()).contains("is saved", "Account Company Limited", "PO Box 7");
        assertThat(column(org.id(), "billing_address")).isEqualTo("PO Box 7");
        assertThat(column(org.id(), "shipping_address")).isEqualTo("Dock 4\nHull");
        String detail = data.jdbc()
                .sql("SELECT detail FROM audit_event WHERE organization_id = :o AND action = 'ORGANIZATION_UPDATED'")
                .param("o", org.id())
                .query(String.class)
                .single();
        assertThat(detail).contains("name", "legal name", "billing address", "shipping address");
    }

    @Test
    void aReadOnlyUserSeesTheAccountWithoutAFormAndMayNotPost() {
        var org = data.organization("Readers Co");
        var owner = data.console(org.ownerEmail(), TestData.PASSWORD);
        owner.submit("/account", "/account", company("Readers Co", "Readers Legal", "Billing Lane 1"));
        String reader = TestData.email("reader");
        data.activeUser(org.owner(), "READ_ONLY", reader);
        var session = data.console(reader, TestData.PASSWORD);
        assertThat(session.get("/").body()).contains("href=\"/account\"");
        String page = session.get("/account").body();
        assertThat(page)
                .contains(org.accountNumber(), "Readers Legal", "Billing Lane 1", "id=\"company-data\"")
                .doesNotContain("id=\"company-form\"")
                .doesNotContain("Save company data");
        var refused = session.submit("/account", "/account", company("Taken Over", "", ""));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(column(org.id(), "name")).isEqualTo("Readers Co");
    }

    @Test
    void anotherOrganisationsAccountIsNotFoundAndAParentCannotEditItsSubOrganisation() {
        var parent = data.organization("Parent Account Co");
        var sub = data.subOrganization(parent, "Sub Account Co");
        var stranger = data.organization("Stranger Account Co");
        var parentOwner = data.console(parent.ownerEmail(), TestData.PASSWORD);
        assertThat(parentOwner.get("/account?organizationId=" + stranger.id()).status())
                .isEqualTo(404);
        assertThat(parentOwner.get("/account?organizationId=" + sub.id()).status())
                .isEqualTo(404);
        Map<String, String> form = company("Renamed By Parent", "", "");
        form.put("organizationId", sub.id().toString());
        assertThat(parentOwner.submit("/account", "/account", form).status()).isEqualTo(404);
        assertThat(column(sub.id(), "name")).isEqualTo("Sub Account Co");

        // the sub-organisation's own Owner edits it, and sees whose sub-organisation it is
        var subOwner = data.console(sub.ownerEmail(), TestData.PASSWORD);
        assertThat(subOwner.get("/account").body()).contains("Sub-organisation of", "Parent Account Co");
        assertThat(subOwner.submit("/account", "/account", company("Sub Account Co", "Sub Legal", ""))
                        .status())
                .isEqualTo(302);
        assertThat(column(sub.id(), "legal_name")).isEqualTo("Sub Legal");
    }

    @Test
    void theOperatorOpensAndEditsAnyOrganisationsAccountFromTheList() {
        var org = data.organization("Operated Co");
        var operator = data.console(TestData.OPERATOR_EMAIL, TestData.OPERATOR_PASSWORD);
        assertThat(operator.get("/organizations").body()).contains("/account?organizationId=" + org.id());
        assertThat(operator.get("/account").location()).endsWith("/organizations");
        String page = operator.get("/account?organizationId=" + org.id()).body();
        assertThat(page).contains(org.accountNumber(), "id=\"company-form\"", "value=\"" + org.id() + "\"");
        Map<String, String> form = company("Operated Co", "Operated Legal", "");
        form.put("organizationId", org.id().toString());
        var saved = operator.submit("/account?organizationId=" + org.id(), "/account", form);
        assertThat(saved.location()).endsWith("/account?organizationId=" + org.id());
        assertThat(column(org.id(), "legal_name")).isEqualTo("Operated Legal");
        assertThat(operator.get("/account?organizationId=" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }
}

package io.iotconsole.onboarding;

import io.iotconsole.audit.AuditLog;
import io.iotconsole.audit.AuditRecord;
import io.iotconsole.organization.Organization;
import io.iotconsole.organization.Organizations;
import io.iotconsole.security.CurrentUser;
import io.iotconsole.shared.ForbiddenException;
import io.iotconsole.shared.InvalidInputException;
import io.iotconsole.shared.InvalidInputException.FieldProblem;
import io.iotconsole.shared.NotFoundException;
import io.iotconsole.user.Users;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates organisations with their first Owner, who receives the activation mail. */
@Service
public class Onboarding {
    private final Organizations organizations;
    private final Users users;
    private final AuditLog audit;
    private final boolean signupEnabled;

    Onboarding(
            Organizations organizations,
            Users users,
            AuditLog audit,
            @Value("${console.signup-enabled}") boolean signupEnabled) {
        this.organizations = organizations;
        this.users = users;
        this.audit = audit;
        this.signupEnabled = signupEnabled;
    }

    /** The platform operator creates a top-level organisation; it is PENDING until its Owner sets a password. */
    @Transactional
    public Organization createTopLevel(NewOrganization in) {
        if (!CurrentUser.get().isOperator()) {
            throw new ForbiddenException("Only the platform operator creates top-level organisations");
        }
        NewOrganization.Owner owner = in.ownerOrEmpty();
        validate(in, owner);
        Organization org = organizations.createTopLevel(in.company());
        users.inviteFirstOwner(org, owner.firstName(), owner.lastName(), owner.email());
        audit.record(AuditRecord.success(org.id(), "ORGANIZATION_CREATED", "ORGANIZATION", org.id(), org.name())
                .withDetail("account " + org.accountNumber()));
        return org;
    }

    public boolean signupEnabled() {
        return signupEnabled;
    }

    /**
     * Self-service sign-up. Answers the same whether or not the address is free: when it is taken, its holder is
     * mailed instead and nothing is created.
     */
    @Transactional
    public void signUp(NewOrganization in) {
        if (!signupEnabled) {
            throw new NotFoundException("Sign-up");
        }
        NewOrganization.Owner owner = in.ownerOrEmpty();
        List<FieldProblem> problems = new ArrayList<>(in.company().problems());
        problems.addAll(users.ownerProblems(owner.firstName(), owner.lastName(), owner.email()).stream()
                .filter(p -> !p.message().equals(Users.EMAIL_TAKEN_MESSAGE))
                .toList());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (users.emailTaken(String.valueOf(owner.email()))) {
            users.notifySignupWithTakenAddress(String.valueOf(owner.email()));
            return;
        }
        Organization org = organizations.createTopLevel(in.company());
        var user = users.inviteFirstOwner(org, owner.firstName(), owner.lastName(), owner.email());
        audit.record(AuditRecord.success(org.id(), "SIGNUP", "ORGANIZATION", org.id(), org.name())
                .byActor(user.id(), user.auditLabel())
                .withDetail("account " + org.accountNumber()));
    }

    /** Organisations the caller may see, each with its Owner. */
    @Transactional(readOnly = true)
    public List<OrganizationSummary> visible() {
        return organizations.visible().stream()
                .map(o -> new OrganizationSummary(o, users.ownerOf(o.id()).orElse(null)))
                .toList();
    }

    @Transactional(readOnly = true)
    public OrganizationSummary get(java.util.UUID id) {
        Organization org = organizations.get(id);
        return new OrganizationSummary(org, users.ownerOf(org.id()).orElse(null));
    }

    private void validate(NewOrganization in, NewOrganization.Owner owner) {
        List<FieldProblem> problems = new ArrayList<>(in.company().problems());
        problems.addAll(users.ownerProblems(owner.firstName(), owner.lastName(), owner.email()));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}

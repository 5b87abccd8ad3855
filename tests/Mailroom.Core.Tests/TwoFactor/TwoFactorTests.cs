using Mailroom.Core.Common;
using Mailroom.Core.Tests.Routing;
using Mailroom.Core.TwoFactor;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.TwoFactor;

/// <summary>Setting up an authenticator app and its codes, with the fake clock: each code once, one step of drift, recovery codes once.</summary>
public sealed class TwoFactorTests
{
    [Fact]
    public async Task SetUp_ConfirmedWithTheAppsCode_IsOn_WithTenRecoveryCodes_AndTheSecretIsNotStoredPlain()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (me, user) = await PersonAsync(h);

        var setup = await h.RunAsync<TwoFactorEnrolment, TwoFactorSetup>(e => e.BeginAsync(me, default));
        var codes = await h.RunAsync<TwoFactorEnrolment, IReadOnlyList<string>>(e => e.ConfirmAsync(me, AuthenticatorApp.Code(setup.Secret, h.Now), default));

        Assert.Equal(AuthenticatorCodes.RecoveryCodeCount, codes.Distinct().Count());
        Assert.StartsWith("otpauth://totp/Mailroom%3A", setup.OtpAuthUri, StringComparison.Ordinal);
        var status = await h.RunAsync<TwoFactorEnrolment, TwoFactorStatus>(e => e.StatusAsync(me, default));
        Assert.Equal((true, 10), (status.Enabled, status.RecoveryCodesLeft));
        await using var db = h.Database.NewContext();
        var stored = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user);
        Assert.DoesNotContain(setup.Secret, stored.TotpSecret!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_WithAWrongCode_NamesTheCode_AndLeavesItOff()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (me, _) = await PersonAsync(h);
        var setup = await h.RunAsync<TwoFactorEnrolment, TwoFactorSetup>(e => e.BeginAsync(me, default));

        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            h.RunAsync<TwoFactorEnrolment, IReadOnlyList<string>>(e => e.ConfirmAsync(me, AuthenticatorApp.Code(setup.Secret, h.Now.AddMinutes(5)), default)));

        Assert.Contains("code", wrong.Errors.Keys);
        Assert.False((await h.RunAsync<TwoFactorEnrolment, TwoFactorStatus>(e => e.StatusAsync(me, default))).Enabled);
    }

    [Fact]
    public async Task ACode_SignsInOnce_TheNextStepsToo_ButNotOneFromTwoStepsAhead()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (me, user) = await PersonAsync(h);
        var secret = await TurnOnAsync(h, me);
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var now = AuthenticatorApp.Code(secret, h.Now);

        Assert.True(await AcceptAsync(h, user, now));
        Assert.False(await AcceptAsync(h, user, now));
        Assert.True(await AcceptAsync(h, user, AuthenticatorApp.NextCode(secret, h.Now)));
        Assert.False(await AcceptAsync(h, user, AuthenticatorApp.Code(secret, h.Now.AddSeconds(60))));
    }

    [Fact]
    public async Task ARecoveryCode_SignsInOnce_WhateverItsCaseAndDashes()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (me, user) = await PersonAsync(h);
        var setup = await h.RunAsync<TwoFactorEnrolment, TwoFactorSetup>(e => e.BeginAsync(me, default));
        var recovery = (await h.RunAsync<TwoFactorEnrolment, IReadOnlyList<string>>(e => e.ConfirmAsync(me, AuthenticatorApp.Code(setup.Secret, h.Now), default)))[3];

        Assert.True(await AcceptAsync(h, user, recovery.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()));
        Assert.False(await AcceptAsync(h, user, recovery));
        Assert.Equal(9, (await h.RunAsync<TwoFactorEnrolment, TwoFactorStatus>(e => e.StatusAsync(me, default))).RecoveryCodesLeft);
    }

    [Fact]
    public async Task TurningItOff_TakesACode_AnAdministratorResetsItAndSignsThePersonOut()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var (me, user) = await PersonAsync(h);
        var secret = await TurnOnAsync(h, me);
        var stampBefore = await StampAsync(h, user);

        var noCode = await Assert.ThrowsAsync<ValidationFailedException>(() => h.RunAsync<TwoFactorEnrolment>(e => e.DisableAsync(me, user, "000000", default)));
        Assert.Contains("code", noCode.Errors.Keys);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.RunAsync<TwoFactorEnrolment>(e => e.DisableAsync(new Actor(999, Role.Supervisor), user, null, default)));

        await h.RunAsync<TwoFactorEnrolment>(e => e.DisableAsync(new Actor(999, Role.Admin), user, null, default));

        Assert.False((await h.RunAsync<TwoFactorEnrolment, TwoFactorStatus>(e => e.StatusAsync(me, default))).Enabled);
        Assert.NotEqual(stampBefore, await StampAsync(h, user));
        Assert.False(await AcceptAsync(h, user, AuthenticatorApp.NextCode(secret, h.Now)));
    }

    [Fact]
    public async Task Policy_RequiresItPerRole_AndEachRoleMustBeSaid()
    {
        await using var h = await RoutingHarness.CreateAsync();
        var admin = new Actor(1, Role.Admin);

        var view = await h.RunAsync<TwoFactorPolicies, TwoFactorPolicyView>(p => p.UpdateAsync(admin, new TwoFactorPolicyInput(true, false, true), default));
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            h.RunAsync<TwoFactorPolicies, TwoFactorPolicyView>(p => p.UpdateAsync(admin, new TwoFactorPolicyInput(true, null, true), default)));

        Assert.Equal(new TwoFactorPolicyView(true, false, true), view);
        Assert.Contains("requiredForSupervisors", missing.Errors.Keys);
        var policy = await h.RunAsync<TwoFactorPolicies, TwoFactorPolicy>(p => p.GetAsync(default));
        Assert.Equal((true, false, true), (policy.Requires(Role.Agent), policy.Requires(Role.Supervisor), policy.Requires(Role.Admin)));
        await Assert.ThrowsAsync<ForbiddenException>(() =>
            h.RunAsync<TwoFactorPolicies, TwoFactorPolicyView>(p => p.UpdateAsync(new Actor(2, Role.Supervisor), new TwoFactorPolicyInput(false, false, false), default)));
    }

    private static async Task<(Actor Me, int UserId)> PersonAsync(RoutingHarness h)
    {
        var id = (await h.AddAgentsAsync(1))[0];
        return (new Actor(id, Role.Agent), id);
    }

    private static async Task<string> TurnOnAsync(RoutingHarness h, Actor me)
    {
        var setup = await h.RunAsync<TwoFactorEnrolment, TwoFactorSetup>(e => e.BeginAsync(me, default));
        await h.RunAsync<TwoFactorEnrolment, IReadOnlyList<string>>(e => e.ConfirmAsync(me, AuthenticatorApp.Code(setup.Secret, h.Now), default));
        return setup.Secret;
    }

    private static async Task<bool> AcceptAsync(RoutingHarness h, int userId, string code)
    {
        await using var db = h.Database.NewContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        return await h.RunAsync<SecondFactor, bool>(s => s.AcceptAsync(user, code, default));
    }

    private static async Task<string> StampAsync(RoutingHarness h, int userId)
    {
        await using var db = h.Database.NewContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}

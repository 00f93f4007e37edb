using Amani.Foundation.Users;
using Amani.Foundation.Users.Passwords;
using Xunit;

namespace Amani.Tests.Foundation.Users;

/// <summary>Finding 10 of the security probe: weak or common passwords (<c>password1234</c>) were accepted. The rules themselves; the paths that set a password are tested on the real server.</summary>
public sealed class PasswordRulesTests
{
    [Fact]
    public void The_shipped_list_loads_and_holds_well_known_breached_passwords()
    {
        Assert.Equal(49_233, CommonPasswords.Count);
        Assert.All(["123456", "password", "qwerty", "iloveyou", "trustno1", "password1234", "1qaz2wsx3edc"],
            password => Assert.True(CommonPasswords.Contains(password), password));
        Assert.True(CommonPasswords.Contains("  PassWord1234 "), "compared trimmed and in lower case");
        Assert.False(CommonPasswords.Contains("orchard lantern under seventeen kites"));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("PASSWORD1234")]
    [InlineData("Password2024!")]
    [InlineData("!!monkey2024")]
    [InlineData("123456!!!!!!")]
    [InlineData("p@ssw0rd1234")]
    [InlineData("qwertyuiop12")]
    public void A_listed_password_alone_or_with_digits_and_symbols_around_it_is_refused(string password) =>
        Assert.Equal(PasswordRules.Common, PasswordRules.Check(password, "someone@mission.example", "Someone"));

    [Theory]
    [InlineData("Amadou.Diallo-2024", "amadou.diallo@mission.example", null)]
    [InlineData("my name is diallo and i like tea", "a.diallo@mission.example", null)]
    [InlineData("fatoumata lives in bangui", "fd@mission.example", "Fatoumata Doumbia")]
    [InlineData("doumbia fatoumata 1990", "fd@mission.example", "Fatoumata Doumbia")]
    public void A_password_holding_the_users_name_or_email_name_is_refused(string password, string email, string? displayName) =>
        Assert.Equal(PasswordRules.ContainsName, PasswordRules.Check(password, email, displayName));

    [Fact]
    public void A_password_holding_the_platforms_name_is_refused() =>
        Assert.Equal(PasswordRules.ContainsPlatformName, PasswordRules.Check("my amani account 2026", "fd@mission.example", null));

    [Theory]
    [InlineData("orchard lantern under seventeen kites", "amadou.diallo@mission.example", "Amadou Diallo")]
    [InlineData("Jo likes long walks in the rain", "jo@mission.example", "Jo")]
    [InlineData("correct-kettle-violet-harbour", "k.mbeki@mission.example", "Kofi Mbeki")]
    public void A_passphrase_of_unrelated_words_is_accepted(string password, string email, string? displayName) =>
        Assert.Null(PasswordRules.Check(password, email, displayName));

    [Fact]
    public void Every_refusal_is_a_password_error_that_says_what_to_do_instead()
    {
        foreach (var refusal in new[] { PasswordRules.Common, PasswordRules.ContainsName, PasswordRules.ContainsPlatformName })
        {
            Assert.StartsWith("Password", refusal.Code, StringComparison.Ordinal);
            Assert.EndsWith("a passphrase of several unrelated words works well.", refusal.Message, StringComparison.Ordinal);
        }
    }
}

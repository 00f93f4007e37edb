using System.Security.Cryptography;
using System.Text;
using Amani.Register.Reporting.Sms;
using Xunit;

namespace Amani.Tests.Register.Reporting.Sms;

public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("To", "+18005551212"), new("From", "+14158675310"), new("Digits", "1234"), new("CallSid", "CA1234567890ABCDE"), new("Caller", "+14158675310"),
    ];

    [Fact]
    public void The_signature_is_hmac_sha1_of_the_url_and_the_sorted_parameters()
    {
        // Written out by hand, as Twilio's documentation describes it: URL, then each parameter name+value, sorted by name.
        var data = Url + "CallSid" + "CA1234567890ABCDE" + "Caller" + "+14158675310" + "Digits" + "1234" + "From" + "+14158675310" + "To" + "+18005551212";
        var expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Token), Encoding.UTF8.GetBytes(data)));

        Assert.Equal(expected, TwilioSignature.Compute(Token, Url, Parameters));
        Assert.True(TwilioSignature.IsValid(Token, Url, Parameters, expected));
    }

    [Fact]
    public void Any_change_breaks_the_signature()
    {
        var signature = TwilioSignature.Compute(Token, Url, Parameters);
        Assert.False(TwilioSignature.IsValid("54321", Url, Parameters, signature));
        Assert.False(TwilioSignature.IsValid(Token, Url.Replace("foo=1", "foo=2"), Parameters, signature));
        Assert.False(TwilioSignature.IsValid(Token, Url, [.. Parameters[..^1], new("Caller", "+10000000000")], signature));
        Assert.False(TwilioSignature.IsValid(Token, Url, Parameters, signature.ToLowerInvariant()));
        Assert.False(TwilioSignature.IsValid(Token, Url, Parameters, ""));
        Assert.False(TwilioSignature.IsValid(Token, Url, Parameters, null));
    }

    [Fact]
    public void The_default_port_may_be_present_or_not_as_with_twilios_validators()
    {
        var withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        Assert.True(TwilioSignature.IsValid(Token, Url, Parameters, TwilioSignature.Compute(Token, withPort, Parameters)));
        Assert.True(TwilioSignature.IsValid(Token, withPort, Parameters, TwilioSignature.Compute(Token, Url, Parameters)));
    }
}

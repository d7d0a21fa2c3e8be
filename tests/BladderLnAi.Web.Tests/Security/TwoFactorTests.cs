using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using BladderLnAi.Data.Identity;
using BladderLnAi.Web.Tests.Integration;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace BladderLnAi.Web.Tests.Security;

[Trait("Category", "Security")]
public sealed class TwoFactorTests
{
    [Fact]
    public async Task SignIn_TwoFactorEnabled_NeedsAuthenticatorCode()
    {
        await using var factory = new BladderLnAiFactory();
        var (userId, userName, password) = await TestAccounts.CreateAccountAsync(factory, Roles.Pathologist, TestSites.Primary);
        var key = await EnableTwoFactorAsync(factory, userId);
        var cookies = new CookieContainer();
        var client = factory.CreateDefaultClient(new CookieContainerHandler(cookies));

        var afterPassword = await TestAccounts.PostSignInAsync(client, userName, password);
        var wrongCode = await PostCodeAsync(client, "000000");
        var rightCode = await PostCodeAsync(client, Totp(key, DateTimeOffset.UtcNow));
        var slides = await client.GetAsync("/api/slides/cmu-1-16x16/analyses/latest");

        Assert.Equal(HttpStatusCode.Redirect, afterPassword.StatusCode);
        Assert.Equal("/account/login-2fa", afterPassword.Headers.Location?.AbsolutePath);
        Assert.Contains("Invalid authenticator code", await wrongCode.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, rightCode.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, slides.StatusCode);
    }

    private static async Task<string> EnableTwoFactorAsync(BladderLnAiFactory factory, string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code)
    {
        var token = await TestAccounts.ReadAntiforgeryTokenAsync(client, "/account/login-2fa");
        return await client.PostAsync("/account/login-2fa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in-2fa",
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = code,
        }));
    }

    /// <summary>Computes the RFC 6238 code (HMAC-SHA1, 30 s steps, 6 digits) that an authenticator app shows.</summary>
    private static string Totp(string base32Key, DateTimeOffset time)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, time.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(Base32Decode(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6");
    }

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>();
        foreach (var character in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(character);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}

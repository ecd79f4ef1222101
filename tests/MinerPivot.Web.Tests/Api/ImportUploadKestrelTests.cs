using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Api;
using static MinerPivot.Web.Tests.Api.ImportApiTests;

namespace MinerPivot.Web.Tests.Api;

/// <summary>The app on Kestrel, whose own request limit (about 28.6 MB by default) the import endpoint must lift and replace.</summary>
public class ImportUploadKestrelTests(ImportUploadKestrelTests.KestrelApp app) : IClassFixture<ImportUploadKestrelTests.KestrelApp>
{
    public sealed class KestrelApp : MinerPivotApp
    {
        private Uri? _address;

        public override async Task InitializeAsync() => _address = await InitializeOnRealPortAsync();

        /// <summary>An admin's client on the real port (the factory's own clients default to http://localhost).</summary>
        public async Task<HttpClient> AdminAsync()
        {
            var email = await CreateUserAsync(Roles.Admin);
            var client = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromMinutes(2) };
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = UserPassword });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).Str("accessToken");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }
    }

    [Fact]
    public async Task Three_files_over_10_MB_pass_Kestrels_default_limit_and_are_each_refused_by_name()
    {
        using var admin = await app.AdminAsync();
        var big = new byte[ImportFormat.MaxFileBytes + 1];
        Array.Fill(big, (byte)'x');
        string[] names = [ImportFormat.Quarterly, ImportFormat.BtcPrices, ImportFormat.Indicators];

        var body = await JsonAsync(await admin.PostAsync("/api/v1/import", Upload(names.Select(n => KeyValuePair.Create(n, big)))),
            HttpStatusCode.UnprocessableEntity);

        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), errors.Select(e => e.Str("file")).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Contains("larger than 10 MB", e.Str("message")));
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_refused_with_413_before_the_body_is_sent()
    {
        using var admin = await app.AdminAsync();
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        content.Headers.ContentLength = ImportUpload.MaxRequestBytes + 1;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/import") { Content = content };
        // A client that waits for "100 Continue" sends nothing when the server answers first.
        request.Headers.ExpectContinue = true;

        var response = await admin.SendAsync(request);

        var problem = await JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Import the data in parts", problem.Str("detail"));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MinerPivot.Core.Import;
using MinerPivot.Data;
using MinerPivot.TestSupport;
using MinerPivot.Web.Api;
using static MinerPivot.Web.Tests.Api.ImportApiTests;

namespace MinerPivot.Web.Tests.Api;

/// <summary>Who may import and export, and uploads refused before anything is read into the database (one shared, empty database).</summary>
public class ImportApiRequestTests(MinerPivotApp app) : IClassFixture<MinerPivotApp>
{
    private const string Companies = "ticker,name,fiscal_year_end_month\nTEST,Test Miner,12\n";

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Analyst, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Pm, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task Only_admins_may_import_or_export_with_a_bearer_token(string? role, HttpStatusCode expected)
    {
        var client = role is null
            ? app.CreateClient()
            : await app.BearerClientAsync(await app.CreateUserAsync(role == "" ? null : role));

        var import = await client.PostAsync("/api/v1/import?preview=true", Upload([new(ImportFormat.Companies, Encoding.UTF8.GetBytes(Companies))]));
        var export = await client.GetAsync("/api/v1/export");

        Assert.Equal(expected, import.StatusCode);
        Assert.Equal(expected, export.StatusCode);
    }

    [Fact]
    public async Task An_unknown_file_name_is_422_naming_it()
    {
        var admin = await AdminAsync();

        var body = await JsonAsync(await admin.PostAsync("/api/v1/import", Upload([new("sites.txt", Encoding.UTF8.GetBytes("a,b\n"))])),
            HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("sites.txt", error.Str("file"));
        Assert.Contains("Unknown file 'sites.txt'", error.Str("message"));
    }

    [Fact]
    public async Task A_form_field_that_is_not_a_file_is_422_naming_it()
    {
        var admin = await AdminAsync();
        var form = Upload([new(ImportFormat.Companies, Encoding.UTF8.GetBytes(Companies))]);
        form.Add(new StringContent("hello"), "comment");

        var body = await JsonAsync(await admin.PostAsync("/api/v1/import", form), HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal("(import)", error.Str("file"));
        Assert.Equal("comment", error.Str("value"));
        Assert.Contains("not a file", error.Str("message"));
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_refused_with_415()
    {
        var admin = await AdminAsync();

        var response = await admin.PostAsync("/api/v1/import", new StringContent(Companies, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_preview_value_other_than_true_or_false_is_400_naming_it()
    {
        var admin = await AdminAsync();

        var response = await admin.PostAsync("/api/v1/import?preview=yes", Upload([new(ImportFormat.Companies, Encoding.UTF8.GetBytes(Companies))]));

        var body = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'yes'", body.Str("detail"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_upload_larger_than_ten_full_files_is_refused_with_413_and_a_message(bool declaresLength)
    {
        var admin = await AdminAsync();
        var form = new MultipartFormDataContent
        {
            { new StreamContent(new Filler(ImportUpload.MaxRequestBytes + 1, declaresLength)), "files", ImportFormat.BtcPrices },
        };
        Assert.Equal(declaresLength, form.Headers.ContentLength is not null);

        var response = await admin.PostAsync("/api/v1/import", form);

        var body = await JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("10 MB each", body.Str("detail"));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_import_and_export()
    {
        var admin = await AdminAsync();

        var paths = (await admin.OkJsonAsync("/openapi/v1.json")).GetProperty("paths");

        var import = paths.GetProperty("/api/v1/import").GetProperty("post");
        Assert.Equal("ImportCsv", import.Str("operationId"));
        Assert.Contains("multipart/form-data", import.Str("description"));
        Assert.True(import.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        var codes = import.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Equal(["200", "400", "401", "403", "413", "415", "422"], codes.Order());
        Assert.Contains(import.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "preview");

        var export = paths.GetProperty("/api/v1/export").GetProperty("get");
        Assert.Equal("ExportCsv", export.Str("operationId"));
        Assert.False(string.IsNullOrWhiteSpace(export.Str("summary")));
        Assert.True(export.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/zip", out _));
        Assert.True(export.GetProperty("responses").TryGetProperty("404", out _));
    }

    private Task<HttpClient> AdminAsync() => _admin ??= CreateAdminAsync();

    private Task<HttpClient>? _admin;

    private async Task<HttpClient> CreateAdminAsync() => await app.BearerClientAsync(await app.CreateUserAsync(Roles.Admin));

    /// <summary>A stream of <paramref name="length"/> bytes that allocates none; seekable only when it should declare its length.</summary>
    private sealed class Filler(long length, bool seekable) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => seekable;
        public override bool CanWrite => false;
        public override long Length => seekable ? length : throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'1');
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using MinerPivot.Bench.Pages;

// Page benchmark (issue 5): the board and a company page on a 200-company synthetic dataset, served by the real app on
// a loopback port against an embedded PostgreSQL in a temp folder, loaded by headless Chromium. See bench/README-pages.md.
var companies = ArgInt("--companies", 200);
var loads = ArgInt("--loads", 10);
Verbose = args.Contains("--verbose");
const string AsOf = "2026-10-31";
const double BoardTargetMs = 1500, CompanyTargetMs = 1000, AssetTargetBytes = 2 * 1024 * 1024;

var root = RepositoryRoot();
var work = Path.Combine(Path.GetTempPath(), "minerpivot-bench-pages-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
Process? server = null;
try
{
    var dataFolder = Path.Combine(work, "dataset");
    var sw = Stopwatch.StartNew();
    SyntheticDataset.Write(dataFolder, companies);
    Console.WriteLine($"Synthetic dataset: {companies} companies × {SyntheticDataset.Quarters} quarters, {SyntheticDataset.TranchesPerCompany} tranches × {SyntheticDataset.RevisionsPerTranche} revisions ({sw.ElapsedMilliseconds} ms) in {dataFolder}");

    var port = FreePort();
    var baseUrl = $"http://127.0.0.1:{port}";
    server = StartServer(root, work, dataFolder, baseUrl);
    sw.Restart();
    await WaitReadyAsync(baseUrl, server);
    Console.WriteLine($"App ready at {baseUrl} with the dataset imported ({sw.Elapsed.TotalSeconds:0.0} s)");

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath(),
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-dev-shm-usage"],
    });
    var state = await SignInAsync(browser, baseUrl);

    // One warm-up of each page (JIT, EF model, caches), not counted.
    await MeasureAsync(browser, state, $"{baseUrl}/?asOf={AsOf}", BoardReady(companies));
    await MeasureAsync(browser, state, $"{baseUrl}/companies/{SyntheticDataset.Ticker(0)}?asOf={AsOf}", ChartsDrawn());

    var board = new List<Load>();
    var company = new List<Load>();
    for (var i = 0; i < loads; i++)
    {
        board.Add(await MeasureAsync(browser, state, $"{baseUrl}/?asOf={AsOf}", BoardReady(companies)));
        company.Add(await MeasureAsync(browser, state, $"{baseUrl}/companies/{SyntheticDataset.Ticker(i * 7 % companies)}?asOf={AsOf}", ChartsDrawn()));
    }

    Console.WriteLine();
    Report("Board (navigation → circuit live and table rendered)", board, BoardTargetMs, AssetTargetBytes);
    Report("Company page (navigation → all charts drawn)", company, CompanyTargetMs, AssetTargetBytes);
    return 0;
}
finally
{
    if (server is { HasExited: false })
    {
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
    }
    TryDelete(work);
}

static void Report(string title, List<Load> loads, double targetMs, double assetTarget)
{
    var median = Median(loads.Select(l => l.Milliseconds));
    var first = loads[0];
    var assets = first.JsBytes + first.CssBytes;
    Console.WriteLine(title);
    Console.WriteLine($"  loads (ms):        {string.Join(", ", loads.Select(l => l.Milliseconds.ToString("0", CultureInfo.InvariantCulture)))}");
    Console.WriteLine($"  median first byte: {Median(loads.Select(l => l.FirstByteMs)):0} ms, document end {Median(loads.Select(l => l.DocumentEndMs)):0} ms, DOM ready {Median(loads.Select(l => l.DomReadyMs)):0} ms");
    Console.WriteLine($"  median:            {median:0} ms  (target < {targetMs:0} ms: {(median < targetMs ? "met" : "MISSED")})");
    Console.WriteLine($"  transferred (cold cache, compressed bodies + headers): JS {Kb(first.JsBytes)}, CSS {Kb(first.CssBytes)}, document {Kb(first.DocumentBytes)}, other {Kb(first.OtherBytes)}, total {Kb(first.TotalBytes)}");
    Console.WriteLine($"  JS+CSS:            {Kb(assets)}  (target < {assetTarget / 1024 / 1024:0} MB: {(assets < assetTarget ? "met" : "MISSED")})");
    Console.WriteLine($"  encodings:         {first.Encodings}");
    Console.WriteLine();
}

static string Kb(double bytes) => (bytes / 1024).ToString("#,0.0", CultureInfo.InvariantCulture) + " KB";

static double Median(IEnumerable<double> values)
{
    var v = values.Order().ToArray();
    return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
}

// Resolves with performance.now() (ms since navigation start) once the board's circuit is live and all rows are rendered.
static string BoardReady(int rows) => $$"""
    () => document.querySelector(".app-shell[data-interactive='true']")
          && document.querySelectorAll("table[aria-label='Signpost board'] tbody tr").length === {{rows}}
          ? performance.now() : false
    """;

// Resolves once the company page's four Plotly charts are drawn (plot SVGs present).
static string ChartsDrawn() => """
    () => {
      const boxes = document.querySelectorAll('[data-chart]');
      const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout && gd.data && gd.querySelector('.main-svg'));
      return boxes.length === 4 && drawn.length === 4 ? performance.now() : false;
    }
    """;

static async Task<Load> MeasureAsync(IBrowser browser, string storageState, string url, string readyFunction)
{
    // A new context per load: a cold HTTP cache, so every load transfers what a first visit does.
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = storageState, ViewportSize = new() { Width = 1400, Height = 900 } });
    var page = await context.NewPageAsync();
    var responses = new List<IResponse>();
    page.Response += (_, r) => responses.Add(r);
    await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
    IJSHandle handle;
    try
    {
        handle = await page.WaitForFunctionAsync(readyFunction, null, new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = 60_000 });
    }
    catch (TimeoutException)
    {
        var state = await page.EvaluateAsync<string>("""
            () => `interactive=${document.querySelector('.app-shell')?.dataset.interactive} rows=${document.querySelectorAll('tbody tr').length} plots=${document.querySelectorAll('.js-plotly-plot').length} boxes=${document.querySelectorAll('[data-chart]').length} empty=${[...document.querySelectorAll('[data-empty-chart]')].map(e => e.dataset.emptyChart)} drawn=${[...document.querySelectorAll('.js-plotly-plot')].filter(gd => gd._fullLayout && gd.data && gd.querySelector('.main-svg')).length} title=${document.title}`
            """);
        throw new TimeoutException($"{url} was not ready within 60 s: {state}");
    }
    var ms = await handle.JsonValueAsync<double>();
    var nav = await page.EvaluateAsync<double[]>("() => { const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart, n.responseEnd, n.domContentLoadedEventEnd]; }");
    var load = new Load { Milliseconds = ms, FirstByteMs = nav[0], DocumentEndMs = nav[1], DomReadyMs = nav[2] };
    if (Verbose)
    {
        var timings = await page.EvaluateAsync<string>("""
            () => performance.getEntriesByType('resource')
              .filter(e => /negotiate|initializers|plotly|blazor\.web|interop/.test(e.name))
              .map(e => `${e.name.replace(location.origin, '')} start ${Math.round(e.startTime)} end ${Math.round(e.responseEnd)}`).join('\n      ')
            """);
        Console.WriteLine($"    ready at {ms:0} ms; resources:\n      {timings}");
    }
    var encodings = new SortedSet<string>();
    foreach (var response in responses.ToList())
    {
        await response.FinishedAsync();
        var sizes = await response.Request.SizesAsync();
        var bytes = (double)Math.Max(0, sizes.ResponseBodySize) + Math.Max(0, sizes.ResponseHeadersSize);
        var path = new Uri(response.Url).AbsolutePath;
        var type = response.Request.ResourceType;
        if (type == "script" || path.EndsWith(".js", StringComparison.Ordinal))
        {
            load.JsBytes += bytes;
        }
        else if (type == "stylesheet" || path.EndsWith(".css", StringComparison.Ordinal))
        {
            load.CssBytes += bytes;
        }
        else if (type == "document")
        {
            load.DocumentBytes += bytes;
        }
        else
        {
            load.OtherBytes += bytes;
        }
        var headers = await response.AllHeadersAsync();
        if (type is "script" or "stylesheet" && headers.TryGetValue("content-encoding", out var encoding))
        {
            encodings.Add(encoding);
        }
        if (Verbose)
        {
            Console.WriteLine($"    {type,-10} {bytes,10:0} {headers.GetValueOrDefault("content-encoding", "-"),-6} {path}");
        }
    }
    load.Encodings = encodings.Count == 0 ? "none" : string.Join(", ", encodings);
    return load;
}

static async Task<string> SignInAsync(IBrowser browser, string baseUrl)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/Account/Login");
    await page.GetByLabel("Email").FillAsync(BenchUser.Email);
    await page.GetByLabel("Password").FillAsync(BenchUser.Password);
    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    return await context.StorageStateAsync();
}

static Process StartServer(string root, string work, string dataFolder, string baseUrl)
{
    var binDir = Path.GetDirectoryName(typeof(SyntheticDataset).Assembly.Location)!;
    var configuration = binDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
    var webDir = Path.Combine(root, "src", "MinerPivot.Web");
    var dll = Path.Combine(webDir, "bin", configuration, "net10.0", "MinerPivot.Web.dll");
    if (!File.Exists(dll))
    {
        throw new FileNotFoundException($"Build the web app first ({dll} not found).");
    }
    var info = new ProcessStartInfo("dotnet", [dll])
    {
        WorkingDirectory = webDir,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    };
    // Development: the package assets (_content/…) are served from the build's static web assets manifest.
    info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
    info.Environment["ASPNETCORE_URLS"] = baseUrl;
    info.Environment["MinerPivot__DataDir"] = Path.Combine(work, "db");
    info.Environment["MinerPivot__LogDir"] = Path.Combine(work, "logs");
    info.Environment["MinerPivot__SeedDemoData"] = "true";
    info.Environment["MinerPivot__DemoDataDir"] = dataFolder;
    info.Environment["MinerPivot__AdminEmail"] = BenchUser.Email;
    info.Environment["MinerPivot__AdminPassword"] = BenchUser.Password;
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, e) => { if (e.Data is { } line && (line.Contains("ERR]") || line.Contains("WRN]"))) Console.Error.WriteLine("  app: " + line); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine("  app: " + line); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitReadyAsync(string baseUrl, Process server)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
    var deadline = DateTime.UtcNow.AddMinutes(5);
    while (DateTime.UtcNow < deadline)
    {
        if (server.HasExited)
        {
            throw new InvalidOperationException($"The app exited with code {server.ExitCode}.");
        }
        try
        {
            // Ready answers once the database is up; the admin user exists once the seed has run too.
            var ready = await http.GetAsync($"{baseUrl}/health/ready");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                var login = await http.PostAsync($"{baseUrl}/api/v1/auth/login",
                    new StringContent($$"""{"email":"{{BenchUser.Email}}","password":"{{BenchUser.Password}}"}""", System.Text.Encoding.UTF8, "application/json"));
                var companies = login.IsSuccessStatusCode ? await CompaniesAsync(http, baseUrl, await login.Content.ReadAsStringAsync()) : 0;
                if (companies > 0)
                {
                    return;
                }
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
        await Task.Delay(500);
    }
    throw new TimeoutException("The app did not become ready within 5 minutes.");
}

static async Task<int> CompaniesAsync(HttpClient http, string baseUrl, string loginJson)
{
    using var doc = System.Text.Json.JsonDocument.Parse(loginJson);
    using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/v1/companies");
    request.Headers.Authorization = new("Bearer", doc.RootElement.GetProperty("accessToken").GetString());
    var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        return 0;
    }
    using var list = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    return list.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? list.RootElement.GetArrayLength() : 0;
}

static string ChromiumPath()
{
    if (Environment.GetEnvironmentVariable("MINERPIVOT_CHROMIUM") is { Length: > 0 } configured)
    {
        return configured;
    }
    return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("No Chromium found: install it (Debian: apt-get install chromium) or set MINERPIVOT_CHROMIUM.");
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "MinerPivot.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("Run the bench from inside the repository (MinerPivot.sln not found above it).");
}

static void TryDelete(string folder)
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
    }
    catch (UnauthorizedAccessException)
    {
    }
}

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

internal static partial class Program
{
    /// <summary>--verbose lists every response of every load.</summary>
    public static bool Verbose;
}

internal sealed class Load
{
    public double Milliseconds { get; set; }
    public double FirstByteMs { get; set; }
    public double DocumentEndMs { get; set; }
    public double DomReadyMs { get; set; }
    public double JsBytes { get; set; }
    public double CssBytes { get; set; }
    public double DocumentBytes { get; set; }
    public double OtherBytes { get; set; }
    public double TotalBytes => JsBytes + CssBytes + DocumentBytes + OtherBytes;
    public string Encodings { get; set; } = "";
}

internal static class BenchUser
{
    public const string Email = "bench-admin@bench.local";
    public const string Password = "Bench-Admin-Pass-1!";
}

// CippApi: the .NET binding of the cippapi native library (include/cippapi.h): the client, its responses and errors,
// the endpoint catalog and batches. With CippApi.Native.cs (imports, handles, marshalling) it builds in any .NET 6+
// project (bindings/csharp/CippApi.csproj) or with Add-Type; no PowerShell needed. The CIPPAPIModule module compiles
// these files together with its own powershell/CIPPAPIModule/src/CippJson.cs (PowerShell object building).
//
// Native library resolution: set CippNative.LibraryPath (or the CIPPAPI_NATIVE_PATH environment variable) to the
// exact file before the first call; otherwise the runtime's default probing finds "cippapi" (the application
// folder, or runtimes/<rid>/native/ of the NuGet package). The first call checks cipp_abi_version() against the
// ABI this binding was written for and refuses a mismatched library.
//
// Strings are passed exactly or refused: an argument with a NUL character or a lone surrogate throws
// ArgumentException naming it (bodies may contain any character: they travel as bytes plus length); a required null
// argument throws ArgumentNullException naming it.
//
// Thread safety: a CippClient may be used from many threads at once. Responses are plain managed objects. The *Async
// methods complete from a native callback: no thread waits while a call runs.

using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CippApi
{
    /// <summary>A failure reported by the native library: its status and message.</summary>
    public class CippException : Exception
    {
        /// <summary>Creates an exception for a native status and message.</summary>
        public CippException(CippStatus status, string message)
            : this(status, message, null)
        {
        }

        /// <summary>Creates an exception for a native status, message and trace.</summary>
        public CippException(CippStatus status, string message, string trace)
            : base(string.IsNullOrEmpty(message) ? "cippapi call failed: " + CippNative.StatusName(status) : message)
        {
            Status = status;
            NativeMessage = message ?? string.Empty;
            Trace = trace ?? string.Empty;
        }

        private CippException(CippStatus status, string message, string trace, Exception inner)
            : base(string.IsNullOrEmpty(message) ? "cippapi call failed: " + CippNative.StatusName(status) : message, inner)
        {
            Status = status;
            NativeMessage = message ?? string.Empty;
            Trace = trace ?? string.Empty;
        }

        /// <summary>The exception for a native failure: a <see cref="CippStatus.Timeout"/> carries a
        /// <see cref="TimeoutException"/> as its InnerException, for .NET code that looks for one.</summary>
        internal static CippException FromNative(CippStatus status, string message, string trace, string advice)
        {
            CippException e = status == CippStatus.Timeout
                ? new CippException(status, message, trace, new TimeoutException(message))
                : new CippException(status, message, trace);
            e.Advice = advice ?? string.Empty;
            return e;
        }

        /// <summary>The library's fix on its own, in the client's binding terms (read-only and allow-list refusals,
        /// request timeouts: the message says it too), for a "recommended action"; empty when there is none.</summary>
        public string Advice { get; private set; } = string.Empty;

        /// <summary>What happened before the failure (retries, token refreshes), one event per line; may be empty.</summary>
        public string Trace { get; }

        /// <summary>The native status.</summary>
        public CippStatus Status { get; }

        /// <summary>The short stable name of <see cref="Status"/>, e.g. <c>network</c>.</summary>
        public string StatusName => CippNative.StatusName(Status);

        /// <summary>The message exactly as the native library wrote it (may be empty).</summary>
        public string NativeMessage { get; }
    }

    /// <summary>An HTTP answer from the CIPP API (any status code).</summary>
    public sealed class CippResponse
    {
        internal CippResponse(int statusCode, string contentType, string url, string headers, byte[] body, string trace,
            string warnings, string advice)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Url = url;
            Headers = headers ?? string.Empty;
            _bodyBytes = body ?? Array.Empty<byte>();
            Trace = trace;
            Warnings = warnings;
            Advice = advice;
        }

        /// <summary>The HTTP status code, e.g. 200.</summary>
        public int StatusCode { get; }

        /// <summary>The Content-Type header, or an empty string.</summary>
        public string ContentType { get; }

        /// <summary>The URL the request went to.</summary>
        public string Url { get; }

        /// <summary>Every header of the answer, one <c>name: value</c> per line (<c>\n</c>), in the order received,
        /// names in lower case; empty when there were none. <see cref="GetHeader"/> reads one.</summary>
        public string Headers { get; }

        /// <summary>The value of a header (any case, e.g. <c>Retry-After</c>); a header sent more than once gives its
        /// values joined by <c>", "</c>, as HTTP defines it; null when the answer has none.</summary>
        public string GetHeader(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            string found = null;
            foreach (KeyValuePair<string, string> header in HeaderPairs())
            {
                if (!string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)) continue;
                found = found == null ? header.Value : found + ", " + header.Value;
            }
            return found;
        }

        /// <summary>The headers of <see cref="Headers"/> as name/value pairs, in the order received.</summary>
        public IEnumerable<KeyValuePair<string, string>> HeaderPairs()
        {
            foreach (string line in Headers.Split('\n'))
            {
                int colon = line.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0) yield return new KeyValuePair<string, string>(line.Substring(0, colon), line.Substring(colon + 2));
            }
        }

        // The body as received (UTF-8); decoded to a string only when Body is first read (CippJson parses the bytes).
        private readonly byte[] _bodyBytes;
        private string _body;

        /// <summary>The response body decoded as UTF-8 (empty when there was none); decoded on first use.</summary>
        public string Body => _body ?? (_body = _bodyBytes.Length == 0 ? string.Empty : Encoding.UTF8.GetString(_bodyBytes));

        /// <summary>The length of the body in bytes (0 when there was none); does not decode it.</summary>
        public int BodyLength => _bodyBytes.Length;

        /// <summary>The body's UTF-8 bytes as received (not a copy: do not modify).</summary>
        internal byte[] BodyBytes => _bodyBytes;

        /// <summary>Retries and token refreshes on the way to this answer, one event per line; empty when none.</summary>
        public string Trace { get; }

        /// <summary>Where the call's parameters differ from the endpoint catalog, one finding per line; may be empty.</summary>
        public string Warnings { get; }

        /// <summary>For answers that commonly stop people (sign-in redirect, 401/403, 404): cause and fix; may be empty.</summary>
        public string Advice { get; }

        /// <summary>True for a 2xx status code.</summary>
        public bool IsSuccessStatusCode => StatusCode >= 200 && StatusCode <= 299;

        /// <summary>The media type of <see cref="ContentType"/> without its parameters (<c>application/json</c> of
        /// <c>application/json; charset=utf-8</c>); empty when there was none.</summary>
        public string MediaType
        {
            get
            {
                string media = ContentType ?? string.Empty;
                int semi = media.IndexOf(';');
                return (semi >= 0 ? media.Substring(0, semi) : media).Trim();
            }
        }

        /// <summary>True when the media type is JSON (<c>application/json</c> or a <c>+json</c> suffix).</summary>
        public bool IsJson
        {
            get
            {
                string media = MediaType;
                return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                    || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                    || media.Equals("text/json", StringComparison.OrdinalIgnoreCase);
            }
        }

        /// <inheritdoc />
        public override string ToString() => StatusCode + " " + Url;
    }

    /// <summary>The built-in endpoint catalog (derived from CIPP's OpenAPI description).</summary>
    public static class CippCatalog
    {
        /// <summary>Number of endpoints in the catalog.</summary>
        public static int Count
        {
            get
            {
                CippNative.EnsureLoaded();
                return (int)NativeMethods.cipp_catalog_count().ToUInt64();
            }
        }

        /// <summary>Endpoints whose name or role contains <paramref name="filter"/> (all for null or empty), as a
        /// JSON array of <c>{"name","path","method","role","any_tenant","reads_only","passthrough","query":[…],"body":[…]}</c>.</summary>
        public static string List(string filter = null)
        {
            CippNative.EnsureLoaded();
            using (var args = new NativeArgs())
            {
                CippStatus status = NativeMethods.cipp_catalog_list(args.Str(filter, nameof(filter)),
                    out OwnedStringHandle json, out ErrorHandle error);
                return CippNative.TakeString(status, json, error);
            }
        }

        /// <summary>One endpoint (name matched case-insensitively) as a JSON object; unknown names throw
        /// <see cref="CippException"/> with <see cref="CippStatus.InvalidArgument"/>.</summary>
        public static string Describe(string endpoint)
        {
            CippNative.EnsureLoaded();
            using (var args = new NativeArgs())
            {
                CippStatus status = NativeMethods.cipp_catalog_describe(args.Required(endpoint, nameof(endpoint)),
                    out OwnedStringHandle json, out ErrorHandle error);
                return CippNative.TakeString(status, json, error);
            }
        }

        /// <summary>
        /// Whether a call to <paramref name="endpoint"/> (any form the library takes: <c>ListUsers</c>,
        /// <c>/API/listusers</c>) only reads, as the library's read-only mode decides it: the catalog's
        /// <c>reads_only</c>, and the library's rule for endpoints the catalog does not know. Invalid endpoints throw
        /// <see cref="CippException"/> with <see cref="CippStatus.InvalidArgument"/>.
        /// </summary>
        public static bool IsReadCall(string endpoint) => Classify(endpoint).GetProperty("reads_only").GetBoolean();

        /// <summary>
        /// The library's normalised name of <paramref name="endpoint"/>: the catalog's name (canonical case) for a
        /// known endpoint, else the path below <c>/api/</c> as the library would send it. Invalid endpoints throw
        /// <see cref="CippException"/> with <see cref="CippStatus.InvalidArgument"/>.
        /// </summary>
        public static string EndpointName(string endpoint) => Classify(endpoint).GetProperty("name").GetString();

        /// <summary>
        /// For an endpoint the catalog does not know, the closest catalog name (a misspelling's "did you mean"), else
        /// null (also for a known endpoint). Invalid endpoints throw <see cref="CippException"/> with
        /// <see cref="CippStatus.InvalidArgument"/>.
        /// </summary>
        public static string Suggest(string endpoint)
        {
            System.Text.Json.JsonElement suggestion = Classify(endpoint).GetProperty("suggestion");
            return suggestion.ValueKind == System.Text.Json.JsonValueKind.String ? suggestion.GetString() : null;
        }

        /// <summary>
        /// The endpoint name in a partly typed endpoint (a completion word such as <c>/api/</c>, <c>API/listus</c> or
        /// <c>List*</c>): the <c>/api/</c> prefix and a query removed as the library removes them, nothing else checked,
        /// so it may be empty or hold wildcards. Use <see cref="EndpointName"/> for a complete endpoint.
        /// </summary>
        public static string EndpointWord(string text)
        {
            CippNative.EnsureLoaded();
            using (var args = new NativeArgs())
            {
                CippStatus status = NativeMethods.cipp_endpoint_word(args.Required(text, nameof(text)),
                    out OwnedStringHandle word, out ErrorHandle error);
                return CippNative.TakeString(status, word, error);
            }
        }

        // cipp_endpoint_classify: the library's name and read rule for any endpoint it accepts.
        private static System.Text.Json.JsonElement Classify(string endpoint)
        {
            CippNative.EnsureLoaded();
            string json;
            using (var args = new NativeArgs())
            {
                CippStatus status = NativeMethods.cipp_endpoint_classify(args.Required(endpoint, nameof(endpoint)),
                    out OwnedStringHandle text, out ErrorHandle error);
                json = CippNative.TakeString(status, text, error);
            }
            using (var document = System.Text.Json.JsonDocument.Parse(json))
            {
                return document.RootElement.Clone();
            }
        }

        /// <summary>Every catalog endpoint as objects, sorted by name (parsed from <see cref="List"/>).</summary>
        public static CippEndpoint[] Endpoints()
        {
            using (var document = System.Text.Json.JsonDocument.Parse(List()))
            {
                var result = new List<CippEndpoint>();
                foreach (System.Text.Json.JsonElement e in document.RootElement.EnumerateArray())
                {
                    var required = new List<string>();
                    string[] query = CippEndpoint.Names(e.GetProperty("query"), required);
                    string[] body = CippEndpoint.Names(e.GetProperty("body"), required);
                    result.Add(new CippEndpoint(e.GetProperty("name").GetString(), e.GetProperty("method").GetString(),
                        e.GetProperty("role").GetString(), e.GetProperty("any_tenant").GetBoolean(),
                        e.GetProperty("reads_only").GetBoolean(), query, body,
                        required.ToArray()));
                }
                return result.ToArray();
            }
        }
    }

    /// <summary>One endpoint of the built-in catalog (<see cref="CippCatalog.Endpoints"/>).</summary>
    public sealed class CippEndpoint
    {
        internal CippEndpoint(string name, string method, string role, bool anyTenant, bool isRead, string[] queryParameters,
            string[] bodyParameters, string[] requiredParameters)
        {
            IsRead = isRead;
            Name = name;
            Method = method;
            Role = role;
            AnyTenant = anyTenant;
            QueryParameters = queryParameters;
            BodyParameters = bodyParameters;
            RequiredParameters = requiredParameters;
        }

        /// <summary>Name in the catalog's case, e.g. <c>ListUsers</c> (called as <c>/api/ListUsers</c>).</summary>
        public string Name { get; }

        /// <summary><c>GET</c> or <c>POST</c>, as the server's spec gives it.</summary>
        public string Method { get; }

        /// <summary>The role an API client needs, e.g. <c>Identity.User.Read</c>; <c>Public</c> needs none.</summary>
        public string Role { get; }

        /// <summary>Whether any tenant may be named (no per-tenant access check).</summary>
        public bool AnyTenant { get; }

        /// <summary>True when the endpoint only reads: what read-only mode allows (the catalog's <c>reads_only</c>).</summary>
        public bool IsRead { get; }

        /// <summary>Parameters read from the query string.</summary>
        public string[] QueryParameters { get; }

        /// <summary>Parameters read from the JSON body.</summary>
        public string[] BodyParameters { get; }

        /// <summary>Parameters the server needs (query or body), without duplicates.</summary>
        public string[] RequiredParameters { get; }

        /// <inheritdoc />
        public override string ToString() => Name;

        internal static string[] Names(System.Text.Json.JsonElement parameters, List<string> required)
        {
            var names = new List<string>();
            foreach (System.Text.Json.JsonElement p in parameters.EnumerateArray())
            {
                string name = p.GetProperty("name").GetString();
                names.Add(name);
                if (p.GetProperty("required").GetBoolean() && !required.Contains(name)) required.Add(name);
            }
            return names.ToArray();
        }
    }

    /// <summary>One tenant's outcome in a <see cref="CippBatch"/>.</summary>
    public sealed class CippBatchItem
    {
        internal CippBatchItem(string tenant, CippStatus status, CippResponse response, CippException error)
        {
            Tenant = tenant;
            Status = status;
            Response = response;
            Error = error;
        }

        /// <summary>The tenant this outcome belongs to.</summary>
        public string Tenant { get; }

        /// <summary><see cref="CippStatus.Ok"/> when the tenant got an HTTP answer (any status code), else why not.</summary>
        public CippStatus Status { get; }

        /// <summary>The tenant's answer, or null when it has none.</summary>
        public CippResponse Response { get; }

        /// <summary>Why the tenant has no answer, or null.</summary>
        public CippException Error { get; }
    }

    /// <summary>
    /// The same call running for many tenants at once (<see cref="CippClient.StartBatch"/>). Read outcomes with
    /// <see cref="Next"/> until <see cref="IsCompleted"/>; dispose to cancel what has not finished.
    /// </summary>
    public sealed class CippBatch : IDisposable
    {
        private readonly BatchHandle _handle;

        internal CippBatch(BatchHandle handle)
        {
            _handle = handle;
        }

        /// <summary>Number of tenants in the batch.</summary>
        public int Total
        {
            get
            {
                ThrowIfDisposed();
                return (int)NativeMethods.cipp_batch_total(_handle).ToUInt64();
            }
        }

        /// <summary>True once every outcome has been handed out by <see cref="Next"/>.</summary>
        public bool IsCompleted { get; private set; }

        /// <summary>
        /// Waits up to <paramref name="waitMilliseconds"/> for the next outcome (completion order). Returns null when
        /// nothing finished within the wait, or when every outcome has been handed out (then <see cref="IsCompleted"/>
        /// is true). Short waits keep the caller responsive. Not for concurrent use by several threads.
        /// </summary>
        public CippBatchItem Next(int waitMilliseconds)
        {
            ThrowIfDisposed();
            if (IsCompleted) return null;
            if (waitMilliseconds < 0) throw new ArgumentOutOfRangeException(nameof(waitMilliseconds));
            CippStatus status = NativeMethods.cipp_batch_next(_handle, (uint)waitMilliseconds,
                out BatchItemHandle item, out ErrorHandle error);
            using (item)
            {
                if (status == CippStatus.Pending)
                {
                    error.Dispose();
                    return null;
                }
                CippNative.Check(status, error);
                if (item.IsInvalid)
                {
                    IsCompleted = true;
                    return null;
                }
                return item.Read();
            }
        }

        /// <summary>Stops the batch: calls not yet started are not sent; tenants without an outcome get
        /// <see cref="CippStatus.Cancelled"/>.</summary>
        public void Cancel()
        {
            ThrowIfDisposed();
            CippStatus status = NativeMethods.cipp_batch_cancel(_handle);
            if (status != CippStatus.Ok) throw new CippException(status, "cipp_batch_cancel failed");
        }

        /// <summary>Frees the batch, cancelling whatever has not finished.</summary>
        public void Dispose() => _handle.Dispose();

        private void ThrowIfDisposed()
        {
            if (_handle.IsClosed) throw new ObjectDisposedException(nameof(CippBatch));
        }
    }

    /// <summary>A configured CIPP API client. Thread-safe; dispose it to release the native client.</summary>
    /// <summary>A configured CIPP API client. Thread-safe; dispose it to release the native client.</summary>
    public sealed class CippClient : IDisposable
    {
        /// <summary>
        /// The library's environment variables (see settings.rs): .NET keeps its own copy of the environment on Unix,
        /// so variables set at run time are invisible to the native library; they are passed under their own names,
        /// which the library treats as environment values (its messages then say to unset the variable).
        /// </summary>
        private static readonly string[] EnvironmentVariables =
        {
            "CIPPAPI_AUTHORITY_HOST", "CIPPAPI_CA_FILE", "CIPPAPI_TIMEOUT_SECS", "CIPPAPI_READ_ONLY",
            "CIPPAPI_ALLOWED_ENDPOINTS",
        };

        /// <summary>
        /// The proxy variables, passed the same way when .NET sees one of the proxy URLs (lower case first, so that
        /// the upper-case spelling wins as curl's rule has it): a proxy set at run time (<c>$env:HTTPS_PROXY = …</c>
        /// in PowerShell) then applies to the native library too. When .NET sees none, nothing is passed and the
        /// library reads the process environment and the system settings itself.
        /// </summary>
        private static readonly string[] ProxyVariables =
        {
            "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY",
        };

        private readonly ClientHandle _handle;

        /// <summary>
        /// Creates a client from the four API details and optional extra settings by name
        /// (<c>authority_host</c>, <c>ca_file</c>, <c>timeout_secs</c>, <c>connect_timeout_secs</c>,
        /// <c>user_agent</c>). Values are validated here; no network traffic happens.
        /// </summary>
        public CippClient(string clientId, string clientSecret, string apiUrl, string tenantId,
            IEnumerable<KeyValuePair<string, string>> settings = null)
            : this(Combine(clientId, clientSecret ?? throw new ArgumentNullException(nameof(clientSecret)), apiUrl,
                tenantId, settings))
        {
        }

        /// <summary>
        /// Creates a client from settings by name: <c>client_id</c>, <c>client_secret</c>, <c>api_url</c>,
        /// <c>tenant_id</c> and optional ones. The library's <c>CIPPAPI_*</c> variables from this process's environment
        /// (as .NET sees it) apply when the matching setting is not given.
        /// </summary>
        public CippClient(IEnumerable<KeyValuePair<string, string>> settings)
            : this(settings, null)
        {
        }

        /// <summary>
        /// Creates a client from the API details with the client secret as a <see cref="SecureString"/>: the secret
        /// is copied to the native library through pinned buffers that are zeroed right after use, so no managed
        /// string of it is created. Otherwise as the string overload.
        /// </summary>
        public CippClient(string clientId, SecureString clientSecret, string apiUrl, string tenantId,
            IEnumerable<KeyValuePair<string, string>> settings = null)
            : this(Combine(clientId, null, apiUrl, tenantId, settings, withSecret: false),
                clientSecret ?? throw new ArgumentNullException(nameof(clientSecret)))
        {
        }

        private CippClient(IEnumerable<KeyValuePair<string, string>> settings, SecureString secureSecret,
            bool withEnvironment = true)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            CippNative.EnsureLoaded();
            using (SettingsHandle native = NativeMethods.cipp_settings_new())
            {
                if (native.IsInvalid) throw new OutOfMemoryException("cipp_settings_new returned NULL.");
                // Messages in .NET terms unless the caller's settings say otherwise (the module sets powershell).
                Set(native, "binding", "dotnet");
                if (withEnvironment)
                {
                    SetFromEnvironment(native, EnvironmentVariables);
                    bool proxyGiven = Array.Exists(ProxyVariables, v => !v.EndsWith("no_proxy", StringComparison.OrdinalIgnoreCase) &&
                        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v)));
                    if (proxyGiven) SetFromEnvironment(native, ProxyVariables);
                }
                // Explicit settings come last: the library lets them replace environment values.
                foreach (KeyValuePair<string, string> pair in settings)
                {
                    if (pair.Key == null) throw new ArgumentException("A setting name is null.", nameof(settings));
                    if (pair.Value == null)
                    {
                        throw new ArgumentException("The setting '" + pair.Key + "' has a null value; give a value or leave " +
                            "the setting out.", nameof(settings));
                    }
                    Set(native, pair.Key, pair.Value);
                }
                if (secureSecret != null) SetSecure(native, "client_secret", secureSecret);
                CippStatus status = NativeMethods.cipp_client_new(native, out ClientHandle client, out ErrorHandle error);
                CippNative.Check(status, error);
                _handle = client;
            }
        }

        // Name and value go to native memory as NUL-terminated UTF-8, zeroed before they are freed (settings include
        // the client secret).
        // Each variable .NET sees with a value, under its own name (the library reads it as that variable).
        private static void SetFromEnvironment(SettingsHandle native, string[] variables)
        {
            foreach (string variable in variables)
            {
                string value = Environment.GetEnvironmentVariable(variable);
                if (!string.IsNullOrWhiteSpace(value)) Set(native, variable, value);
            }
        }

        private static void Set(SettingsHandle settings, string name, string value)
        {
            using (var args = new NativeArgs())
            {
                CippStatus status = NativeMethods.cipp_settings_set(settings, args.Str(name, "settings"),
                    args.Str(value, "settings"), out ErrorHandle error);
                CippNative.Check(status, error);
            }
        }

        // A SecureString setting: UTF-16 from the SecureString into unmanaged memory, UTF-8 into a pinned array and
        // then unmanaged memory for the native call; every copy is zeroed before it is released.
        private static void SetSecure(SettingsHandle settings, string name, SecureString value)
        {
            IntPtr unicode = IntPtr.Zero;
            IntPtr utf8 = IntPtr.Zero;
            char[] chars = new char[value.Length];
            byte[] bytes = null;
            GCHandle charsPin = GCHandle.Alloc(chars, GCHandleType.Pinned);
            GCHandle bytesPin = default(GCHandle);
            int byteCount = 0;
            try
            {
                unicode = Marshal.SecureStringToGlobalAllocUnicode(value);
                Marshal.Copy(unicode, chars, 0, chars.Length);
                byteCount = Encoding.UTF8.GetByteCount(chars);
                bytes = new byte[byteCount + 1];
                bytesPin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
                Encoding.UTF8.GetBytes(chars, 0, chars.Length, bytes, 0);
                utf8 = Marshal.AllocHGlobal(bytes.Length);
                Marshal.Copy(bytes, 0, utf8, bytes.Length);
                using (var args = new NativeArgs())
                {
                    CippStatus status = NativeMethods.cipp_settings_set(settings, args.Str(name, "settings"), utf8,
                        out ErrorHandle error);
                    CippNative.Check(status, error);
                }
            }
            finally
            {
                if (utf8 != IntPtr.Zero)
                {
                    Marshal.Copy(new byte[byteCount + 1], 0, utf8, byteCount + 1);
                    Marshal.FreeHGlobal(utf8);
                }
                if (unicode != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(unicode);
                Array.Clear(chars, 0, chars.Length);
                charsPin.Free();
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
                if (bytesPin.IsAllocated) bytesPin.Free();
            }
        }

        private static IEnumerable<KeyValuePair<string, string>> Combine(string clientId, string clientSecret,
            string apiUrl, string tenantId, IEnumerable<KeyValuePair<string, string>> settings, bool withSecret = true)
        {
            if (clientId == null) throw new ArgumentNullException(nameof(clientId));
            if (apiUrl == null) throw new ArgumentNullException(nameof(apiUrl));
            if (tenantId == null) throw new ArgumentNullException(nameof(tenantId));
            // Text the native library cannot receive (a NUL, a lone surrogate) is refused naming the caller's
            // parameter here; later it would be named as one of the settings.
            NativeArgs.Check(clientId, nameof(clientId));
            NativeArgs.Check(clientSecret, nameof(clientSecret));
            NativeArgs.Check(apiUrl, nameof(apiUrl));
            NativeArgs.Check(tenantId, nameof(tenantId));
            var all = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("client_id", clientId),
                new KeyValuePair<string, string>("api_url", apiUrl),
                new KeyValuePair<string, string>("tenant_id", tenantId),
            };
            if (withSecret) all.Insert(1, new KeyValuePair<string, string>("client_secret", clientSecret));
            if (settings != null) all.AddRange(settings);
            return all;
        }

        /// <summary>True once <see cref="Dispose"/> has run.</summary>
        public bool IsDisposed => _handle.IsClosed;

        /// <summary>
        /// Sends a request: the .NET face of Invoke-CIPPRestMethod. <paramref name="query"/> pairs are sent in order
        /// (a null value is sent as <c>key=</c>); a null <paramref name="body"/> sends <c>{}</c>, any other body is sent
        /// as its exact UTF-8 bytes; a null <paramref name="contentType"/> means <c>application/json</c>. Any HTTP
        /// status is returned, not thrown. Blocks the calling thread; see <see cref="InvokeRestMethodAsync(string,
        /// string, IEnumerable{KeyValuePair{string, string}}, string, string, CancellationToken)"/>.
        /// </summary>
        public CippResponse InvokeRestMethod(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query = null, string body = null, string contentType = null) =>
            InvokeRestMethod(method, endpoint, query, body, contentType, CancellationToken.None);

        /// <summary>
        /// <see cref="InvokeRestMethod(string, string, IEnumerable{KeyValuePair{string, string}}, string, string)"/>
        /// that <paramref name="cancellationToken"/> cancels (this call alone; <see cref="OperationCanceledException"/>).
        /// Blocks the calling thread like the plain overload and costs the same: the thread waits in the library for
        /// this one call, with no hop through the callback thread (the way for a caller that waits anyway, such as a
        /// PowerShell command that must stop on Ctrl+C).
        /// </summary>
        public CippResponse InvokeRestMethod(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query, string body, string contentType,
            CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewRequest(method, endpoint, query, body, contentType))
            {
                return SendWaiting(request, cancellationToken, null);
            }
        }

        /// <summary>InvokeRestMethod that ends (CippStatus.Cancelled) soon after <paramref name="stopRequested"/> turns
        /// true; it is asked every 100 ms on the calling thread (for PowerShell, whose stop request is a flag).</summary>
        internal CippResponse InvokeRestMethod(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query, string body, string contentType, Func<bool> stopRequested)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewRequest(method, endpoint, query, body, contentType))
            {
                return SendWaiting(request, CancellationToken.None, stopRequested);
            }
        }

        /// <summary>
        /// Starts <see cref="InvokeRestMethod"/> and returns at once; no thread waits while the call runs (the task
        /// completes from the native library's callback). Faults with the same exceptions.
        /// </summary>
        public Task<CippResponse> InvokeRestMethodAsync(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query = null, string body = null, string contentType = null) =>
            InvokeRestMethodAsync(method, endpoint, query, body, contentType, CancellationToken.None);

        /// <summary>
        /// <see cref="InvokeRestMethodAsync(string, string, IEnumerable{KeyValuePair{string, string}}, string, string)"/>
        /// that <paramref name="cancellationToken"/> cancels: this call alone ends promptly and the task is cancelled
        /// (awaiting it throws <see cref="OperationCanceledException"/>). A POST already sent may still have been
        /// processed by the server. A native timeout is a <see cref="CippException"/> whose InnerException is a
        /// <see cref="TimeoutException"/>; <see cref="Cancel"/> gives <see cref="CippStatus.Cancelled"/>.
        /// </summary>
        public Task<CippResponse> InvokeRestMethodAsync(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query, string body, string contentType,
            CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<CippResponse>(cancellationToken);
            using (RequestHandle request = NewRequest(method, endpoint, query, body, contentType))
            {
                return Start(request, cancellationToken);
            }
        }

        /// <summary><see cref="GetLogs"/>, asynchronously (see <see cref="InvokeRestMethodAsync(string, string,
        /// IEnumerable{KeyValuePair{string, string}}, string, string)"/>).</summary>
        public Task<CippResponse> GetLogsAsync(string severity = null, string dateFilter = null, string startDate = null,
            string endDate = null) => GetLogsAsync(severity, dateFilter, startDate, endDate, CancellationToken.None);

        /// <summary><see cref="GetLogs"/>, asynchronously, cancelled by <paramref name="cancellationToken"/>.</summary>
        public Task<CippResponse> GetLogsAsync(string severity, string dateFilter, string startDate, string endDate,
            CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<CippResponse>(cancellationToken);
            using (RequestHandle request = NewLogsRequest(severity, dateFilter, startDate, endDate))
            {
                return Start(request, cancellationToken);
            }
        }

        /// <summary><see cref="Diagnose"/> on a thread-pool thread (rare and slow; not worth a native callback).</summary>
        public Task<string> DiagnoseAsync()
        {
            ThrowIfDisposed();
            return Task.Run(() => Diagnose());
        }

        /// <summary>Reads CIPP's logs (GET /api/ListLogs); null arguments take the native defaults.</summary>
        public CippResponse GetLogs(string severity = null, string dateFilter = null, string startDate = null,
            string endDate = null) => GetLogs(severity, dateFilter, startDate, endDate, CancellationToken.None);

        /// <summary><see cref="GetLogs(string, string, string, string)"/> that <paramref name="cancellationToken"/>
        /// cancels; blocks like it (see <see cref="InvokeRestMethod(string, string, IEnumerable{KeyValuePair{string,
        /// string}}, string, string, CancellationToken)"/>).</summary>
        public CippResponse GetLogs(string severity, string dateFilter, string startDate, string endDate,
            CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewLogsRequest(severity, dateFilter, startDate, endDate))
            {
                return SendWaiting(request, cancellationToken, null);
            }
        }

        /// <summary>GetLogs that ends (CippStatus.Cancelled) soon after <paramref name="stopRequested"/> turns true; it is
        /// asked every 100 ms on the calling thread (for PowerShell, whose stop request is a flag, not a token).</summary>
        internal CippResponse GetLogs(string severity, string dateFilter, string startDate, string endDate,
            Func<bool> stopRequested)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewLogsRequest(severity, dateFilter, startDate, endDate))
            {
                return SendWaiting(request, CancellationToken.None, stopRequested);
            }
        }

        /// <summary>
        /// The library's "not configured" message in the terms of <paramref name="binding"/> (<c>c</c>, <c>powershell</c>,
        /// <c>dotnet</c>): what creating a client without API details fails with (the environment is not read).
        /// </summary>
        public static string NotConfiguredMessage(string binding)
        {
            try
            {
                using (new CippClient(new[] { new KeyValuePair<string, string>("binding", binding) }, null, false)) { }
            }
            catch (CippException e) when (e.Status == CippStatus.NotConfigured)
            {
                return e.Message;
            }
            throw new InvalidOperationException("A client without API details was accepted; expected NotConfigured.");
        }

        /// <summary>The URL <see cref="InvokeRestMethod"/> would send to, without sending anything.</summary>
        public string BuildUrl(string endpoint, IEnumerable<KeyValuePair<string, string>> query = null)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewRequest("GET", endpoint, query, null, null))
            {
                CippStatus status = NativeMethods.cipp_client_build_url(_handle, request, out OwnedStringHandle url,
                    out ErrorHandle error);
                return CippNative.TakeString(status, url, error);
            }
        }

        /// <summary>The URL <see cref="GetLogs(string, string, string, string)"/> would send to (its query and defaults
        /// as the library builds them), without sending anything.</summary>
        public string BuildLogsUrl(string severity = null, string dateFilter = null, string startDate = null,
            string endDate = null)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewLogsRequest(severity, dateFilter, startDate, endDate))
            {
                CippStatus status = NativeMethods.cipp_client_build_url(_handle, request, out OwnedStringHandle url,
                    out ErrorHandle error);
                return CippNative.TakeString(status, url, error);
            }
        }

        /// <summary>
        /// Describes the request <see cref="InvokeRestMethod"/> would send, without sending it (for -WhatIf and
        /// previews): a JSON object <c>{"method","url","headers","body","warnings","refused"}</c> with the
        /// Authorization header redacted.
        /// </summary>
        public string Preview(string method, string endpoint, IEnumerable<KeyValuePair<string, string>> query = null,
            string body = null, string contentType = null)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewRequest(method, endpoint, query, body, contentType))
            {
                CippStatus status = NativeMethods.cipp_client_preview_request(_handle, request,
                    out OwnedStringHandle json, out ErrorHandle error);
                return CippNative.TakeString(status, json, error);
            }
        }

        /// <summary>
        /// Runs the connection doctor (URL, DNS, TCP, HTTPS, token, role check) and returns its report as JSON
        /// <c>{"ok":bool,"steps":[…]}</c>; a failing connection is a report, not an exception.
        /// </summary>
        public string Diagnose()
        {
            ThrowIfDisposed();
            CippStatus status = NativeMethods.cipp_client_diagnose(_handle, out OwnedStringHandle json, out ErrorHandle error);
            return CippNative.TakeString(status, json, error);
        }

        /// <summary>Cancels every call running on this client right now (synchronous and asynchronous); they fail with
        /// <see cref="CippStatus.Cancelled"/>. Later calls are not affected.</summary>
        public void Cancel()
        {
            ThrowIfDisposed();
            CippStatus status = NativeMethods.cipp_client_cancel(_handle);
            if (status != CippStatus.Ok) throw new CippException(status, "cipp_client_cancel failed");
        }

        /// <summary>
        /// Starts the same call for many tenants at once, at most <paramref name="throttle"/> (1–256) in flight.
        /// Each tenant's name goes under <paramref name="tenantKey"/> into the query or the JSON object body.
        /// Returns at once; read outcomes with <see cref="CippBatch.Next"/>.
        /// </summary>
        public CippBatch StartBatch(string method, string endpoint, string tenantKey, CippTenantIn tenantIn,
            IEnumerable<string> tenants, IEnumerable<KeyValuePair<string, string>> query = null, string body = null,
            string contentType = null, int throttle = 16)
        {
            ThrowIfDisposed();
            if (throttle < 1) throw new ArgumentOutOfRangeException(nameof(throttle));
            using (RequestHandle request = NewBatchRequest(method, endpoint, tenantKey, tenantIn, tenants, query, body,
                contentType))
            {
                CippStatus status = NativeMethods.cipp_client_batch_start_request(_handle, request, (uint)throttle,
                    out BatchHandle batch, out ErrorHandle error);
                if (status != CippStatus.Ok)
                {
                    batch.Dispose();
                    CippNative.Check(status, error);
                }
                error.Dispose();
                return new CippBatch(batch);
            }
        }

        /// <summary>
        /// Describes every tenant's request of <see cref="StartBatch"/> without sending anything (for -WhatIf): a JSON
        /// array of <see cref="Preview"/> objects, one per tenant in order, built exactly as the batch builds them;
        /// refused the way the batch would be refused (e.g. an array body with the tenant in the body).
        /// </summary>
        public string PreviewBatch(string method, string endpoint, string tenantKey, CippTenantIn tenantIn,
            IEnumerable<string> tenants, IEnumerable<KeyValuePair<string, string>> query = null, string body = null,
            string contentType = null)
        {
            ThrowIfDisposed();
            using (RequestHandle request = NewBatchRequest(method, endpoint, tenantKey, tenantIn, tenants, query, body,
                contentType))
            {
                CippStatus status = NativeMethods.cipp_client_preview_request(_handle, request,
                    out OwnedStringHandle json, out ErrorHandle error);
                return CippNative.TakeString(status, json, error);
            }
        }

        // A request with tenants (cipp_request_set_tenants): the template of a batch.
        private static RequestHandle NewBatchRequest(string method, string endpoint, string tenantKey,
            CippTenantIn tenantIn, IEnumerable<string> tenants, IEnumerable<KeyValuePair<string, string>> query,
            string body, string contentType)
        {
            if (tenants == null) throw new ArgumentNullException(nameof(tenants));
            var names = new List<KeyValuePair<string, string>>();
            foreach (string tenant in tenants)
            {
                if (tenant == null) throw new ArgumentException("A tenant name is null.", nameof(tenants));
                names.Add(new KeyValuePair<string, string>(tenant, null));
            }
            RequestHandle request = NewRequest(method, endpoint, query, body, contentType);
            try
            {
                using (var args = new NativeArgs())
                {
                    IntPtr key = args.Required(tenantKey, nameof(tenantKey));
                    args.Query(names, nameof(tenants), out IntPtr[] t, out IntPtr[] _);
                    Check(NativeMethods.cipp_request_set_tenants(request, key, (int)tenantIn, t, (UIntPtr)t.Length,
                        out ErrorHandle e1), e1);
                }
                return request;
            }
            catch
            {
                request.Dispose();
                throw;
            }
        }

        /// <summary>Releases this handle on the native client. Calls running on other threads (and asynchronous calls)
        /// go on and finish normally: they hold their own reference.</summary>
        public void Dispose() => _handle.Dispose();

        private void ThrowIfDisposed()
        {
            if (_handle.IsClosed) throw new ObjectDisposedException(nameof(CippClient));
        }

        // ---- The process-default client (cipp_set_details / cipp_default_client) ----

        /// <summary>
        /// Sets the process-default API details (<c>cipp_set_details</c>). Other settings take the native defaults,
        /// which read the environment of the native process (not variables set later through .NET on Unix).
        /// </summary>
        public static void SetApiDetails(string clientId, string clientSecret, string apiUrl, string tenantId)
        {
            CippNative.EnsureLoaded();
            using (var args = new NativeArgs())
            {
                CippStatus status = NativeMethods.cipp_set_details(args.Required(clientId, nameof(clientId)),
                    args.Required(clientSecret, nameof(clientSecret)), args.Required(apiUrl, nameof(apiUrl)),
                    args.Required(tenantId, nameof(tenantId)), out ErrorHandle error);
                CippNative.Check(status, error);
            }
        }

        /// <summary><see cref="InvokeRestMethod"/> on the process-default client.</summary>
        public static CippResponse Invoke(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query = null, string body = null, string contentType = null)
        {
            using (CippClient client = Default())
            {
                return client.InvokeRestMethod(method, endpoint, query, body, contentType);
            }
        }

        /// <summary>
        /// <see cref="GetLogs(string, string, string, string)"/> on the process-default client (named differently
        /// because C# cannot overload on static versus instance).
        /// </summary>
        public static CippResponse GetDefaultLogs(string severity = null, string dateFilter = null,
            string startDate = null, string endDate = null)
        {
            using (CippClient client = Default())
            {
                return client.GetLogs(severity, dateFilter, startDate, endDate);
            }
        }

        /// <summary>
        /// A client object on the process-default client as it is now (<c>cipp_default_client</c>): its
        /// <see cref="Cancel"/> stops calls running on the default, also those of <see cref="Invoke"/> on other threads.
        /// Throws <see cref="CippException"/> with <see cref="CippStatus.NotConfigured"/> before <see cref="SetApiDetails"/>.
        /// </summary>
        public static CippClient Default()
        {
            CippNative.EnsureLoaded();
            CippStatus status = NativeMethods.cipp_default_client(out ClientHandle client, out ErrorHandle error);
            if (status != CippStatus.Ok)
            {
                client.Dispose();
                CippNative.Check(status, error);
            }
            error.Dispose();
            return new CippClient(client);
        }

        private CippClient(ClientHandle handle)
        {
            _handle = handle;
        }

        // ---- helpers ----

        private static RequestHandle NewRequest(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query, string body, string contentType)
        {
            RequestHandle request = NativeMethods.cipp_request_new();
            if (request.IsInvalid) throw new OutOfMemoryException("cipp_request_new returned NULL.");
            try
            {
                using (var args = new NativeArgs())
                {
                    Check(NativeMethods.cipp_request_set_method(request, args.Required(method, nameof(method)), out ErrorHandle e1), e1);
                    Check(NativeMethods.cipp_request_set_endpoint(request, args.Required(endpoint, nameof(endpoint)), out ErrorHandle e2), e2);
                    args.Query(query, nameof(query), out IntPtr[] keys, out IntPtr[] values);
                    for (int i = 0; i < keys.Length; i++)
                    {
                        Check(NativeMethods.cipp_request_add_query(request, keys[i], values[i], out ErrorHandle e3), e3);
                    }
                    if (body != null)
                    {
                        IntPtr bytes = args.Bytes(body, nameof(body), out UIntPtr length);
                        Check(NativeMethods.cipp_request_set_body(request, bytes, length, out ErrorHandle e4), e4);
                    }
                    Check(NativeMethods.cipp_request_set_content_type(request, args.Str(contentType, nameof(contentType)),
                        out ErrorHandle e5), e5);
                }
                return request;
            }
            catch
            {
                request.Dispose();
                throw;
            }
        }

        private static RequestHandle NewLogsRequest(string severity, string dateFilter, string startDate, string endDate)
        {
            using (var args = new NativeArgs())
            {
                CippStatus status = NativeMethods.cipp_request_new_logs(args.Str(severity, nameof(severity)),
                    args.Str(dateFilter, nameof(dateFilter)), args.Str(startDate, nameof(startDate)),
                    args.Str(endDate, nameof(endDate)), out RequestHandle request, out ErrorHandle error);
                if (status != CippStatus.Ok)
                {
                    request.Dispose();
                    CippNative.Check(status, error);
                }
                error.Dispose();
                return request;
            }
        }

        private static void Check(CippStatus status, ErrorHandle error) => CippNative.Check(status, error);

        private static CippResponse Finish(CippStatus status, ResponseHandle response, ErrorHandle error)
        {
            using (response)
            {
                CippNative.Check(status, error);
                return response.Read();
            }
        }

        // A blocking send that one token (or a polled stop flag) cancels: started without a callback (the outcome stays
        // in the call), waited for in the library, then taken. Neither given: the plain blocking call.
        private CippResponse SendWaiting(RequestHandle request, CancellationToken token, Func<bool> stopRequested)
        {
            CippStatus status;
            ResponseHandle response;
            ErrorHandle error;
            if (!token.CanBeCanceled && stopRequested == null)
            {
                status = NativeMethods.cipp_client_send(_handle, request, out response, out error);
                return Finish(status, response, error);
            }
            token.ThrowIfCancellationRequested();
            status = NativeMethods.cipp_client_send_async(_handle, request, null, IntPtr.Zero, out CallHandle call,
                out error);
            if (status != CippStatus.Ok)
            {
                call.Dispose();
                CippNative.Check(status, error);
            }
            error.Dispose();
            using (call)
            {
                using (token.Register(s => NativeMethods.cipp_call_cancel((CallHandle)s), call))
                {
                    uint slice = stopRequested == null ? 1000u : 100u;
                    while (NativeMethods.cipp_call_wait(call, slice) == CippStatus.Pending)
                    {
                        if (stopRequested != null && stopRequested()) NativeMethods.cipp_call_cancel(call);
                    }
                }
                status = NativeMethods.cipp_call_take(call, out response, out error);
            }
            if (status == CippStatus.Cancelled && token.IsCancellationRequested)
            {
                response.Dispose();
                error.Dispose();
                throw new OperationCanceledException(token);
            }
            return Finish(status, response, error);
        }

        // ---- asynchronous calls (cipp_client_send_async) ----

        // One delegate for every call, alive for the whole process: the native library may call it at any time.
        private static readonly CippCallback Completed = OnCompleted;

        private Task<CippResponse> Start(RequestHandle request, CancellationToken token)
        {
            var pending = new PendingCall(token);
            GCHandle state = GCHandle.Alloc(pending);
            CippStatus status;
            CallHandle call;
            ErrorHandle error;
            try
            {
                status = NativeMethods.cipp_client_send_async(_handle, request, Completed, GCHandle.ToIntPtr(state),
                    out call, out error);
            }
            catch
            {
                state.Free();
                throw;
            }
            if (status != CippStatus.Ok)
            {
                // Nothing started: the callback will not run.
                state.Free();
                call.Dispose();
                CippNative.Check(status, error);
            }
            error.Dispose();
            pending.Attach(call);
            return pending.Task;
        }

        // Runs on the library's callback thread; must never throw into native code.
        private static void OnCompleted(IntPtr userData, CippStatus status, IntPtr response, IntPtr error)
        {
            PendingCall pending = null;
            try
            {
                GCHandle state = GCHandle.FromIntPtr(userData);
                pending = (PendingCall)state.Target;
                state.Free();
                if (status == CippStatus.Ok) pending.Succeed(CippNative.ReadResponse(response));
                else pending.Fail(status, CippNative.ReadError(error, status));
            }
            catch (Exception e)
            {
                pending?.Fail(CippStatus.Panic, e);
            }
            finally
            {
                if (response != IntPtr.Zero) NativeMethods.cipp_response_free(response);
                if (error != IntPtr.Zero) NativeMethods.cipp_error_free(error);
            }
        }

        /// <summary>One asynchronous call: its task, its native handle and its cancellation registration.</summary>
        private sealed class PendingCall
        {
            private readonly TaskCompletionSource<CippResponse> _tcs =
                new TaskCompletionSource<CippResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            private readonly CancellationToken _token;
            private readonly object _gate = new object();
            private CallHandle _call;
            private CancellationTokenRegistration _registration;
            private bool _done;

            internal PendingCall(CancellationToken token)
            {
                _token = token;
            }

            internal Task<CippResponse> Task => _tcs.Task;

            /// <summary>Keeps the native handle until the call completes (it may already have).</summary>
            internal void Attach(CallHandle call)
            {
                lock (_gate)
                {
                    if (_done)
                    {
                        call.Dispose();
                        return;
                    }
                    _call = call;
                }
                if (_token.CanBeCanceled) _registration = _token.Register(s => ((PendingCall)s).CancelNative(), this);
            }

            private void CancelNative()
            {
                CallHandle call;
                lock (_gate) call = _call;
                if (call == null) return;
                try
                {
                    NativeMethods.cipp_call_cancel(call);
                }
                catch (ObjectDisposedException)
                {
                    // Completed meanwhile.
                }
            }

            internal void Succeed(CippResponse response)
            {
                Release();
                _tcs.TrySetResult(response);
            }

            internal void Fail(CippStatus status, Exception error)
            {
                Release();
                if (status == CippStatus.Cancelled && _token.IsCancellationRequested) _tcs.TrySetCanceled(_token);
                else _tcs.TrySetException(error);
            }

            private void Release()
            {
                CallHandle call;
                lock (_gate)
                {
                    _done = true;
                    call = _call;
                    _call = null;
                }
                call?.Dispose();
                // Not Dispose(): that would wait for a CancelNative running on another thread.
                _registration.Unregister();
            }
        }
    }
}

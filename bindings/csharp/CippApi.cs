// CippApi: the .NET binding of the cippapi native library (include/cippapi.h).
//
// One source file, usable as is by C# programs (add it to a project, or compile it with Add-Type) and by the
// CIPPAPIModule PowerShell module. Targets .NET 6 or later (PowerShell 7.2+); no unsafe code.
//
// Native library resolution: set CippNative.LibraryPath (or the CIPPAPI_NATIVE_PATH environment variable) to the
// exact file before the first call; otherwise the runtime's default probing finds "cippapi" (the application
// folder, or runtimes/<rid>/native/ of a NuGet package). The first call checks cipp_abi_version() against the
// ABI this binding was written for and refuses a mismatched library.
//
// Thread safety: a CippClient may be used from many threads at once. Responses are plain managed objects.

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading.Tasks;

namespace CippApi
{
    /// <summary>Outcome of a native call; mirrors <c>cipp_status</c> (values are stable and never reused).</summary>
    public enum CippStatus
    {
        /// <summary>The call succeeded.</summary>
        Ok = 0,
        /// <summary>A required argument was null.</summary>
        NullArgument = 1,
        /// <summary>A string argument was not valid UTF-8.</summary>
        InvalidUtf8 = 2,
        /// <summary>An argument had a value the library cannot use (the message names it).</summary>
        InvalidArgument = 3,
        /// <summary>No API details were set.</summary>
        NotConfigured = 4,
        /// <summary>A URL setting or endpoint could not be used to build a request URL.</summary>
        InvalidUrl = 5,
        /// <summary>A plain http:// URL was given for a host that is not a loopback address.</summary>
        InsecureUrl = 6,
        /// <summary>The TLS configuration could not be built (e.g. an unreadable or invalid CA file).</summary>
        TlsConfig = 7,
        /// <summary>The token endpoint refused the client credentials.</summary>
        Authentication = 8,
        /// <summary>The server could not be reached or the connection failed.</summary>
        Network = 9,
        /// <summary>The request did not complete within the configured timeout.</summary>
        Timeout = 10,
        /// <summary>The call was cancelled before it completed.</summary>
        Cancelled = 11,
        /// <summary>The server's answer could not be understood.</summary>
        InvalidResponse = 12,
        /// <summary>Refused before sending: read-only mode or the endpoint allow-list does not permit the call.</summary>
        Refused = 13,
        /// <summary>Not an error: nothing was ready within the wait (batches); ask again.</summary>
        Pending = 14,
        /// <summary>The server's TLS certificate is not trusted (unknown issuer, expired, wrong name).</summary>
        Certificate = 15,
        /// <summary>An internal error (a bug) in the native library.</summary>
        Panic = 100,
    }

    /// <summary>Where a batch puts each tenant's name; mirrors <c>cipp_tenant_in</c>.</summary>
    public enum CippTenantIn
    {
        /// <summary>As a query parameter.</summary>
        Query = 0,
        /// <summary>As a top-level property of the JSON object body.</summary>
        Body = 1,
    }

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
        internal CippResponse(int statusCode, string contentType, string url, byte[] body, string trace,
            string warnings, string advice)
        {
            StatusCode = statusCode;
            ContentType = contentType;
            Url = url;
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

        /// <summary>True when the media type is JSON (<c>application/json</c> or a <c>+json</c> suffix).</summary>
        public bool IsJson
        {
            get
            {
                string media = ContentType ?? string.Empty;
                int semi = media.IndexOf(';');
                if (semi >= 0) media = media.Substring(0, semi);
                media = media.Trim();
                return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                    || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                    || media.Equals("text/json", StringComparison.OrdinalIgnoreCase);
            }
        }

        /// <inheritdoc />
        public override string ToString() => StatusCode + " " + Url;
    }

    /// <summary>Library loading, version and ABI checks.</summary>
    public static class CippNative
    {
        /// <summary>The C ABI version this binding was written for (<c>CIPP_ABI_VERSION</c> in cippapi.h).</summary>
        public const uint BindingAbiVersion = 1;

        /// <summary>The name the imports use; the resolver maps it to <see cref="LibraryPath"/>.</summary>
        public const string LibraryName = "cippapi";

        /// <summary>Environment variable naming the native library file when <see cref="LibraryPath"/> is not set.</summary>
        public const string PathEnvironmentVariable = "CIPPAPI_NATIVE_PATH";

        private static readonly object Gate = new object();
        private static string _libraryPath;
        private static string _loadedFrom;
        private static IntPtr _handle;
        private static bool _checked;
        private static Exception _loadFailure;

        static CippNative()
        {
            NativeLibrary.SetDllImportResolver(typeof(CippNative).Assembly, Resolve);
        }

        /// <summary>
        /// The exact native library file to load. Set it before the first call; once the library is loaded it
        /// cannot be changed (setting the same path again is allowed).
        /// </summary>
        public static string LibraryPath
        {
            get { lock (Gate) return _libraryPath; }
            set
            {
                string full = string.IsNullOrEmpty(value) ? null : Path.GetFullPath(value);
                lock (Gate)
                {
                    if (_handle != IntPtr.Zero && !string.Equals(full, _loadedFrom, StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException(
                            "The cippapi native library is already loaded from '" + _loadedFrom +
                            "' in this process; it cannot be switched to '" + full +
                            "'. Start a new process to use another copy.");
                    }
                    _libraryPath = full;
                }
            }
        }

        /// <summary>The file the native library was loaded from, or null before the first load (or with default probing).</summary>
        public static string LoadedFrom { get { lock (Gate) return _loadedFrom; } }

        /// <summary>The native ABI version (<c>cipp_abi_version()</c>); loads the library but does not check it.</summary>
        public static uint AbiVersion => NativeMethods.cipp_abi_version();

        /// <summary>The native library version, e.g. <c>2.0.0</c>. Checks the ABI first.</summary>
        public static string Version
        {
            get
            {
                EnsureLoaded();
                return Marshal.PtrToStringUTF8(NativeMethods.cipp_version()) ?? string.Empty;
            }
        }

        /// <summary>The short stable name of a status, e.g. <c>network</c> (<c>unknown</c> for other values).</summary>
        public static string StatusName(CippStatus status)
        {
            switch (status)
            {
                case CippStatus.Ok: return "ok";
                case CippStatus.NullArgument: return "null_argument";
                case CippStatus.InvalidUtf8: return "invalid_utf8";
                case CippStatus.InvalidArgument: return "invalid_argument";
                case CippStatus.NotConfigured: return "not_configured";
                case CippStatus.InvalidUrl: return "invalid_url";
                case CippStatus.InsecureUrl: return "insecure_url";
                case CippStatus.TlsConfig: return "tls_config";
                case CippStatus.Authentication: return "authentication";
                case CippStatus.Network: return "network";
                case CippStatus.Timeout: return "timeout";
                case CippStatus.Cancelled: return "cancelled";
                case CippStatus.InvalidResponse: return "invalid_response";
                case CippStatus.Refused: return "refused";
                case CippStatus.Pending: return "pending";
                case CippStatus.Certificate: return "certificate";
                case CippStatus.Panic: return "panic";
                default: return "unknown";
            }
        }

        /// <summary>
        /// Loads the native library and checks its ABI version once per process. Throws
        /// <see cref="DllNotFoundException"/> when the library cannot be loaded and
        /// <see cref="InvalidOperationException"/> on an ABI mismatch (every later call throws the same).
        /// </summary>
        public static void EnsureLoaded()
        {
            lock (Gate)
            {
                if (_checked)
                {
                    if (_loadFailure != null) throw new InvalidOperationException(_loadFailure.Message, _loadFailure);
                    return;
                }
                uint abi;
                try
                {
                    abi = NativeMethods.cipp_abi_version();
                }
                catch (DllNotFoundException e)
                {
                    // Not cached: the caller may fix LibraryPath and try again.
                    string where = _libraryPath ?? Environment.GetEnvironmentVariable(PathEnvironmentVariable);
                    throw new DllNotFoundException(
                        string.IsNullOrEmpty(where)
                            ? "Cannot load the cippapi native library by default probing; set CippNative.LibraryPath or " +
                              PathEnvironmentVariable + " to the library file. " + e.Message
                            : "Cannot load the cippapi native library from '" + Path.GetFullPath(where) + "': " + e.Message, e);
                }
                catch (EntryPointNotFoundException e)
                {
                    _checked = true;
                    _loadFailure = new InvalidOperationException(
                        "The library loaded as cippapi" + DescribeSource() + " has no cipp_abi_version entry point; " +
                        "it is not a cippapi library.", e);
                    throw _loadFailure;
                }
                _checked = true;
                if (abi != BindingAbiVersion)
                {
                    _loadFailure = new InvalidOperationException(
                        "The cippapi native library" + DescribeSource() + " implements C ABI version " + abi +
                        ", but this binding was written for C ABI version " + BindingAbiVersion +
                        ". Install a native library and binding from the same release.");
                    throw _loadFailure;
                }
            }
        }

        private static string DescribeSource() => _loadedFrom == null ? string.Empty : " '" + _loadedFrom + "'";

        private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (!string.Equals(libraryName, LibraryName, StringComparison.Ordinal)) return IntPtr.Zero;
            lock (Gate)
            {
                if (_handle != IntPtr.Zero) return _handle;
                string path = _libraryPath;
                if (string.IsNullOrEmpty(path))
                {
                    string env = Environment.GetEnvironmentVariable(PathEnvironmentVariable);
                    if (!string.IsNullOrEmpty(env)) path = Path.GetFullPath(env);
                }
                if (string.IsNullOrEmpty(path)) return IntPtr.Zero; // default probing
                if (!File.Exists(path))
                {
                    throw new DllNotFoundException("the file does not exist.");
                }
                _handle = NativeLibrary.Load(path);
                _loadedFrom = path;
                return _handle;
            }
        }

        /// <summary>Throws a <see cref="CippException"/> for a failed status, consuming the error object.</summary>
        internal static void Check(CippStatus status, ErrorHandle error)
        {
            using (error)
            {
                if (status == CippStatus.Ok) return;
                if (error == null || error.IsInvalid) throw new CippException(status, string.Empty);
                bool added = false;
                try
                {
                    error.DangerousAddRef(ref added);
                    throw ReadError(error.DangerousGetHandle(), status);
                }
                finally
                {
                    if (added) error.DangerousRelease();
                }
            }
        }

        /// <summary>Builds an exception from a live (owned or borrowed) <c>cipp_error*</c>.</summary>
        internal static CippException ReadError(IntPtr error, CippStatus fallback)
        {
            if (error == IntPtr.Zero) return new CippException(fallback, string.Empty);
            string message = Marshal.PtrToStringUTF8(NativeMethods.cipp_error_message(error)) ?? string.Empty;
            string trace = Marshal.PtrToStringUTF8(NativeMethods.cipp_error_trace(error)) ?? string.Empty;
            return new CippException(NativeMethods.cipp_error_status(error), message, trace);
        }

        /// <summary>Copies a live (owned or borrowed) <c>cipp_response*</c> into a managed object; the body is decoded
        /// once, straight from native memory.</summary>
        internal static CippResponse ReadResponse(IntPtr response)
        {
            int status = NativeMethods.cipp_response_status(response);
            string contentType = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_content_type(response)) ?? string.Empty;
            string url = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_url(response)) ?? string.Empty;
            IntPtr data = NativeMethods.cipp_response_body(response, out UIntPtr length);
            ulong size = length.ToUInt64();
            if (size > int.MaxValue)
            {
                throw new InvalidOperationException("The response body (" + size + " bytes) is too large for a .NET string.");
            }
            // One copy of the bytes; the string is made only if someone reads Body (CippJson parses the bytes).
            byte[] body = data == IntPtr.Zero || size == 0 ? Array.Empty<byte>() : new byte[(int)size];
            if (body.Length > 0) Marshal.Copy(data, body, 0, body.Length);
            string trace = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_trace(response)) ?? string.Empty;
            string warnings = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_warnings(response)) ?? string.Empty;
            string advice = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_advice(response)) ?? string.Empty;
            return new CippResponse(status, contentType, url, body, trace, warnings, advice);
        }

        /// <summary>Checks the status, then returns an owned output string (freeing it).</summary>
        internal static string TakeString(CippStatus status, OwnedStringHandle text, ErrorHandle error)
        {
            using (text)
            {
                Check(status, error);
                return text.Read();
            }
        }
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
        /// JSON array of <c>{"name","method","role","any_tenant","query":[…],"body":[…]}</c>.</summary>
        public static string List(string filter = null)
        {
            CippNative.EnsureLoaded();
            CippStatus status = NativeMethods.cipp_catalog_list(filter, out OwnedStringHandle json, out ErrorHandle error);
            return CippNative.TakeString(status, json, error);
        }

        /// <summary>One endpoint (name matched case-insensitively) as a JSON object; unknown names throw
        /// <see cref="CippException"/> with <see cref="CippStatus.InvalidArgument"/>.</summary>
        public static string Describe(string endpoint)
        {
            CippNative.EnsureLoaded();
            CippStatus status = NativeMethods.cipp_catalog_describe(endpoint, out OwnedStringHandle json, out ErrorHandle error);
            return CippNative.TakeString(status, json, error);
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
                        e.GetProperty("role").GetString(), e.GetProperty("any_tenant").GetBoolean(), query, body,
                        required.ToArray()));
                }
                return result.ToArray();
            }
        }
    }

    /// <summary>One endpoint of the built-in catalog (<see cref="CippCatalog.Endpoints"/>).</summary>
    public sealed class CippEndpoint
    {
        internal CippEndpoint(string name, string method, string role, bool anyTenant, string[] queryParameters,
            string[] bodyParameters, string[] requiredParameters)
        {
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

        /// <summary>True when the endpoint only reads (its role ends in <c>.Read</c>; what read-only mode allows).</summary>
        public bool IsRead => Role.EndsWith(".Read", StringComparison.Ordinal);

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
    public sealed class CippClient : IDisposable
    {
        /// <summary>Settings read from the environment when not given explicitly (see <c>cipp_settings_new</c>).</summary>
        private static readonly KeyValuePair<string, string>[] EnvironmentSettings =
        {
            new KeyValuePair<string, string>("authority_host", "CIPPAPI_AUTHORITY_HOST"),
            new KeyValuePair<string, string>("ca_file", "CIPPAPI_CA_FILE"),
            new KeyValuePair<string, string>("timeout_secs", "CIPPAPI_TIMEOUT_SECS"),
            new KeyValuePair<string, string>("read_only", "CIPPAPI_READ_ONLY"),
            new KeyValuePair<string, string>("allowed_endpoints", "CIPPAPI_ALLOWED_ENDPOINTS"),
        };

        private readonly ClientHandle _handle;

        /// <summary>
        /// Creates a client from the four API details and optional extra settings by name
        /// (<c>authority_host</c>, <c>ca_file</c>, <c>timeout_secs</c>, <c>connect_timeout_secs</c>,
        /// <c>user_agent</c>). Values are validated here; no network traffic happens.
        /// </summary>
        public CippClient(string clientId, string clientSecret, string apiUrl, string tenantId,
            IEnumerable<KeyValuePair<string, string>> settings = null)
            : this(Combine(clientId, clientSecret, apiUrl, tenantId, settings))
        {
        }

        /// <summary>
        /// Creates a client from settings by name: <c>client_id</c>, <c>client_secret</c>, <c>api_url</c>,
        /// <c>tenant_id</c> and optional ones. <c>CIPPAPI_AUTHORITY_HOST</c>, <c>CIPPAPI_CA_FILE</c> and
        /// <c>CIPPAPI_TIMEOUT_SECS</c> from this process's environment apply when the matching setting is not given.
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

        private CippClient(IEnumerable<KeyValuePair<string, string>> settings, SecureString secureSecret)
        {
            if (settings == null) throw new ArgumentNullException(nameof(settings));
            CippNative.EnsureLoaded();
            var given = new HashSet<string>(StringComparer.Ordinal);
            using (SettingsHandle native = NativeMethods.cipp_settings_new())
            {
                if (native.IsInvalid) throw new OutOfMemoryException("cipp_settings_new returned NULL.");
                // .NET keeps its own copy of the environment on Unix, so variables set at run time are not visible
                // to the native library: pass them explicitly (explicit settings are applied later and win).
                foreach (KeyValuePair<string, string> pair in settings)
                {
                    if (pair.Key != null) given.Add(pair.Key);
                }
                foreach (KeyValuePair<string, string> env in EnvironmentSettings)
                {
                    string value = Environment.GetEnvironmentVariable(env.Value);
                    if (!given.Contains(env.Key) && !string.IsNullOrWhiteSpace(value))
                    {
                        Set(native, env.Key, value);
                    }
                }
                foreach (KeyValuePair<string, string> pair in settings)
                {
                    if (pair.Key == null) throw new ArgumentException("A setting name is null.", nameof(settings));
                    Set(native, pair.Key, pair.Value);
                }
                if (secureSecret != null) SetSecure(native, "client_secret", secureSecret);
                CippStatus status = NativeMethods.cipp_client_new(native, out ClientHandle client, out ErrorHandle error);
                CippNative.Check(status, error);
                _handle = client;
            }
        }

        // The value goes to native memory as NUL-terminated UTF-8 (NULL for null) and is zeroed before it is freed:
        // settings include the client secret.
        private static void Set(SettingsHandle settings, string name, string value)
        {
            IntPtr utf8 = IntPtr.Zero;
            int length = 0;
            try
            {
                if (value != null)
                {
                    length = Encoding.UTF8.GetByteCount(value) + 1;
                    utf8 = Marshal.StringToCoTaskMemUTF8(value);
                }
                CippStatus status = NativeMethods.cipp_settings_set(settings, name, utf8, out ErrorHandle error);
                CippNative.Check(status, error);
            }
            finally
            {
                if (utf8 != IntPtr.Zero)
                {
                    Marshal.Copy(new byte[length], 0, utf8, length);
                    Marshal.FreeCoTaskMem(utf8);
                }
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
                CippStatus status = NativeMethods.cipp_settings_set(settings, name, utf8, out ErrorHandle error);
                CippNative.Check(status, error);
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
        /// (a null value is sent as <c>key=</c>); a null <paramref name="body"/> sends <c>{}</c>; a null
        /// <paramref name="contentType"/> means <c>application/json</c>. Any HTTP status is returned, not thrown.
        /// </summary>
        public CippResponse InvokeRestMethod(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query = null, string body = null, string contentType = null)
        {
            ThrowIfDisposed();
            using (var q = new Utf8Query(query))
            {
                CippStatus status = NativeMethods.cipp_client_invoke(_handle, method, endpoint, q.Keys, q.Values,
                    q.Length, body, contentType, out ResponseHandle response, out ErrorHandle error);
                return Finish(status, response, error);
            }
        }

        /// <summary>
        /// <see cref="InvokeRestMethod"/> on a thread-pool thread, so the caller can wait in short slices and call
        /// <see cref="Cancel"/> (PowerShell's Ctrl+C). The task faults with the same exceptions.
        /// </summary>
        public Task<CippResponse> InvokeRestMethodAsync(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query = null, string body = null, string contentType = null)
        {
            ThrowIfDisposed();
            var pairs = query == null ? null : new List<KeyValuePair<string, string>>(query);
            return Task.Run(() => InvokeRestMethod(method, endpoint, pairs, body, contentType));
        }

        /// <summary><see cref="GetLogs"/> on a thread-pool thread (see <see cref="InvokeRestMethodAsync"/>).</summary>
        public Task<CippResponse> GetLogsAsync(string severity = null, string dateFilter = null, string startDate = null,
            string endDate = null)
        {
            ThrowIfDisposed();
            return Task.Run(() => GetLogs(severity, dateFilter, startDate, endDate));
        }

        /// <summary><see cref="Diagnose"/> on a thread-pool thread (see <see cref="InvokeRestMethodAsync"/>).</summary>
        public Task<string> DiagnoseAsync()
        {
            ThrowIfDisposed();
            return Task.Run(() => Diagnose());
        }

        /// <summary>Reads CIPP's logs (GET /api/ListLogs); null arguments take the native defaults.</summary>
        public CippResponse GetLogs(string severity = null, string dateFilter = null, string startDate = null,
            string endDate = null)
        {
            ThrowIfDisposed();
            CippStatus status = NativeMethods.cipp_client_get_logs(_handle, severity, dateFilter, startDate, endDate,
                out ResponseHandle response, out ErrorHandle error);
            return Finish(status, response, error);
        }

        /// <summary>The URL <see cref="InvokeRestMethod"/> would send to, without sending anything.</summary>
        public string BuildUrl(string endpoint, IEnumerable<KeyValuePair<string, string>> query = null)
        {
            ThrowIfDisposed();
            using (var q = new Utf8Query(query))
            {
                CippStatus status = NativeMethods.cipp_client_build_url(_handle, endpoint, q.Keys, q.Values,
                    q.Length, out OwnedStringHandle url, out ErrorHandle error);
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
            using (var q = new Utf8Query(query))
            {
                CippStatus status = NativeMethods.cipp_client_preview(_handle, method, endpoint, q.Keys, q.Values,
                    q.Length, body, contentType, out OwnedStringHandle json, out ErrorHandle error);
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

        /// <summary>Cancels every call running on this client right now; they fail with
        /// <see cref="CippStatus.Cancelled"/>. Later calls are not affected.</summary>
        public void Cancel()
        {
            ThrowIfDisposed();
            CippStatus status = NativeMethods.cipp_client_cancel(_handle);
            if (status != CippStatus.Ok) throw new CippException(status, "cipp_client_cancel failed");
        }

        /// <summary>
        /// Makes this client, with all its settings, the process default used by the static
        /// <see cref="Invoke"/> and <see cref="GetDefaultLogs"/> (<c>cipp_set_default_client</c>).
        /// </summary>
        public void SetAsDefault()
        {
            ThrowIfDisposed();
            CippStatus status = NativeMethods.cipp_set_default_client(_handle);
            if (status != CippStatus.Ok) throw new CippException(status, "cipp_set_default_client failed");
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
            if (tenants == null) throw new ArgumentNullException(nameof(tenants));
            if (throttle < 1) throw new ArgumentOutOfRangeException(nameof(throttle));
            var names = new List<KeyValuePair<string, string>>();
            foreach (string tenant in tenants) names.Add(new KeyValuePair<string, string>(tenant, null));
            using (var t = new Utf8Query(names))
            using (var q = new Utf8Query(query))
            {
                CippStatus status = NativeMethods.cipp_client_batch_start(_handle, method, endpoint, tenantKey,
                    (int)tenantIn, t.Keys, t.Length, q.Keys, q.Values, q.Length, body, contentType, (uint)throttle,
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

        /// <summary>Releases the native client. Calls running on other threads finish first.</summary>
        public void Dispose() => _handle.Dispose();

        private void ThrowIfDisposed()
        {
            if (_handle.IsClosed) throw new ObjectDisposedException(nameof(CippClient));
        }

        // ---- The process-default client (cipp_set_details / cipp_invoke / cipp_get_logs) ----

        /// <summary>
        /// Sets the process-default API details (<c>cipp_set_details</c>). Other settings take the native defaults,
        /// which read the environment of the native process (not variables set later through .NET on Unix).
        /// </summary>
        public static void SetApiDetails(string clientId, string clientSecret, string apiUrl, string tenantId)
        {
            CippNative.EnsureLoaded();
            CippStatus status = NativeMethods.cipp_set_details(clientId, clientSecret, apiUrl, tenantId,
                out ErrorHandle error);
            CippNative.Check(status, error);
        }

        /// <summary><see cref="InvokeRestMethod"/> on the process-default client.</summary>
        public static CippResponse Invoke(string method, string endpoint,
            IEnumerable<KeyValuePair<string, string>> query = null, string body = null, string contentType = null)
        {
            CippNative.EnsureLoaded();
            using (var q = new Utf8Query(query))
            {
                CippStatus status = NativeMethods.cipp_invoke(method, endpoint, q.Keys, q.Values, q.Length,
                    body, contentType, out ResponseHandle response, out ErrorHandle error);
                return Finish(status, response, error);
            }
        }

        /// <summary>
        /// <see cref="GetLogs(string, string, string, string)"/> on the process-default client (named differently
        /// because C# cannot overload on static versus instance).
        /// </summary>
        public static CippResponse GetDefaultLogs(string severity = null, string dateFilter = null,
            string startDate = null, string endDate = null)
        {
            CippNative.EnsureLoaded();
            CippStatus status = NativeMethods.cipp_get_logs(severity, dateFilter, startDate, endDate,
                out ResponseHandle response, out ErrorHandle error);
            return Finish(status, response, error);
        }

        // ---- helpers ----

        private static CippResponse Finish(CippStatus status, ResponseHandle response, ErrorHandle error)
        {
            using (response)
            {
                CippNative.Check(status, error);
                return response.Read();
            }
        }
    }

    /// <summary>
    /// Query pairs as two parallel arrays of NUL-terminated UTF-8 strings in native memory (the marshaller does not
    /// support arrays of UTF-8 strings). A null key or value becomes a NULL pointer.
    /// </summary>
    internal sealed class Utf8Query : IDisposable
    {
        internal readonly IntPtr[] Keys;
        internal readonly IntPtr[] Values;

        internal Utf8Query(IEnumerable<KeyValuePair<string, string>> query)
        {
            var pairs = query == null
                ? new List<KeyValuePair<string, string>>()
                : new List<KeyValuePair<string, string>>(query);
            Keys = new IntPtr[pairs.Count];
            Values = new IntPtr[pairs.Count];
            try
            {
                for (int i = 0; i < pairs.Count; i++)
                {
                    Keys[i] = ToNative(pairs[i].Key);
                    Values[i] = ToNative(pairs[i].Value);
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        internal UIntPtr Length => (UIntPtr)Keys.Length;

        private static IntPtr ToNative(string text) =>
            text == null ? IntPtr.Zero : Marshal.StringToCoTaskMemUTF8(text);

        public void Dispose()
        {
            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i] != IntPtr.Zero) { Marshal.FreeCoTaskMem(Keys[i]); Keys[i] = IntPtr.Zero; }
                if (Values[i] != IntPtr.Zero) { Marshal.FreeCoTaskMem(Values[i]); Values[i] = IntPtr.Zero; }
            }
        }
    }

    /// <summary>Owns a <c>cipp_client*</c>.</summary>
    internal sealed class ClientHandle : SafeHandle
    {
        public ClientHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.cipp_client_free(handle);
            return true;
        }
    }

    /// <summary>Owns a <c>cipp_settings*</c>.</summary>
    internal sealed class SettingsHandle : SafeHandle
    {
        public SettingsHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.cipp_settings_free(handle);
            return true;
        }
    }

    /// <summary>Owns a <c>cipp_response*</c>.</summary>
    internal sealed class ResponseHandle : SafeHandle
    {
        public ResponseHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.cipp_response_free(handle);
            return true;
        }

        /// <summary>Copies the response into a managed object.</summary>
        internal CippResponse Read()
        {
            bool added = false;
            try
            {
                DangerousAddRef(ref added);
                return CippNative.ReadResponse(handle);
            }
            finally
            {
                if (added) DangerousRelease();
            }
        }
    }

    /// <summary>Owns a <c>cipp_batch*</c>.</summary>
    internal sealed class BatchHandle : SafeHandle
    {
        public BatchHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.cipp_batch_free(handle);
            return true;
        }
    }

    /// <summary>Owns a <c>cipp_batch_item*</c>; its response and error are borrowed from it.</summary>
    internal sealed class BatchItemHandle : SafeHandle
    {
        public BatchItemHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;

        internal CippBatchItem Read()
        {
            bool added = false;
            try
            {
                DangerousAddRef(ref added);
                string tenant = Marshal.PtrToStringUTF8(NativeMethods.cipp_batch_item_tenant(handle)) ?? string.Empty;
                CippStatus status = NativeMethods.cipp_batch_item_status(handle);
                IntPtr response = NativeMethods.cipp_batch_item_response(handle);
                IntPtr error = NativeMethods.cipp_batch_item_error(handle);
                return new CippBatchItem(tenant, status,
                    response == IntPtr.Zero ? null : CippNative.ReadResponse(response),
                    error == IntPtr.Zero ? null : CippNative.ReadError(error, status));
            }
            finally
            {
                if (added) DangerousRelease();
            }
        }

        protected override bool ReleaseHandle()
        {
            NativeMethods.cipp_batch_item_free(handle);
            return true;
        }
    }

    /// <summary>Owns a <c>cipp_error*</c>.</summary>
    internal sealed class ErrorHandle : SafeHandle
    {
        public ErrorHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        protected override bool ReleaseHandle()
        {
            NativeMethods.cipp_error_free(handle);
            return true;
        }
    }

    /// <summary>Owns a <c>char*</c> returned as an owned output (freed with <c>cipp_string_free</c>).</summary>
    internal sealed class OwnedStringHandle : SafeHandle
    {
        public OwnedStringHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid => handle == IntPtr.Zero;
        internal string Read() => IsInvalid ? string.Empty : Marshal.PtrToStringUTF8(handle) ?? string.Empty;
        protected override bool ReleaseHandle()
        {
            NativeMethods.cipp_string_free(handle);
            return true;
        }
    }

    /// <summary>The C functions of cippapi.h, one import each.</summary>
    internal static class NativeMethods
    {
        private const string Lib = CippNative.LibraryName;

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_version();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern uint cipp_abi_version();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_status_name(int status);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_error_status(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_error_message(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_error_trace(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_error_free(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_string_free(IntPtr text);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern SettingsHandle cipp_settings_new();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_settings_set(SettingsHandle settings,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
            IntPtr value,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_settings_free(IntPtr settings);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_new(SettingsHandle settings, out ClientHandle client,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_client_free(IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_cancel(ClientHandle client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_preview(ClientHandle client,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string method,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string endpoint,
            [In] IntPtr[] queryKeys,
            [In] IntPtr[] queryValues,
            UIntPtr queryLen,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string body,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string contentType,
            out OwnedStringHandle json,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_diagnose(ClientHandle client, out OwnedStringHandle json,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_batch_start(ClientHandle client,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string method,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string endpoint,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string tenantKey,
            int tenantIn,
            [In] IntPtr[] tenants,
            UIntPtr tenantCount,
            [In] IntPtr[] queryKeys,
            [In] IntPtr[] queryValues,
            UIntPtr queryLen,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string body,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string contentType,
            uint throttle,
            out BatchHandle batch,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_batch_next(BatchHandle batch, uint waitMs, out BatchItemHandle item,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern UIntPtr cipp_batch_total(BatchHandle batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_batch_cancel(BatchHandle batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_batch_free(IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_batch_item_tenant(IntPtr item);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_batch_item_status(IntPtr item);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_batch_item_response(IntPtr item);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_batch_item_error(IntPtr item);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_batch_item_free(IntPtr item);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern UIntPtr cipp_catalog_count();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_catalog_list([MarshalAs(UnmanagedType.LPUTF8Str)] string filter,
            out OwnedStringHandle json, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_catalog_describe([MarshalAs(UnmanagedType.LPUTF8Str)] string endpoint,
            out OwnedStringHandle json, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_invoke(ClientHandle client,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string method,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string endpoint,
            [In] IntPtr[] queryKeys,
            [In] IntPtr[] queryValues,
            UIntPtr queryLen,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string body,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string contentType,
            out ResponseHandle response,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_get_logs(ClientHandle client,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string severity,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string dateFilter,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string startDate,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string endDate,
            out ResponseHandle response,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_build_url(ClientHandle client,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string endpoint,
            [In] IntPtr[] queryKeys,
            [In] IntPtr[] queryValues,
            UIntPtr queryLen,
            out OwnedStringHandle url,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_set_details(
            [MarshalAs(UnmanagedType.LPUTF8Str)] string clientId,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string clientSecret,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string apiUrl,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string tenantId,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_set_default_client(ClientHandle client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_selftest_panic(out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_invoke(
            [MarshalAs(UnmanagedType.LPUTF8Str)] string method,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string endpoint,
            [In] IntPtr[] queryKeys,
            [In] IntPtr[] queryValues,
            UIntPtr queryLen,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string body,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string contentType,
            out ResponseHandle response,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_get_logs(
            [MarshalAs(UnmanagedType.LPUTF8Str)] string severity,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string dateFilter,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string startDate,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string endDate,
            out ResponseHandle response,
            out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern ushort cipp_response_status(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_content_type(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_url(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_body(IntPtr response, out UIntPtr length);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_trace(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_warnings(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_advice(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_response_free(IntPtr response);
    }

#if !CIPPAPI_NO_POWERSHELL
    /// <summary>
    /// Turns a UTF-8 JSON body into exactly the objects PowerShell 7's <c>ConvertFrom-Json -NoEnumerate</c> returns,
    /// reading the bytes with <see cref="System.Text.Json.Utf8JsonReader"/> (no token tree, no UTF-16 copy of the body).
    /// </summary>
    /// <remarks>
    /// <para>What ConvertFrom-Json builds (Newtonsoft.Json with DateParseHandling.DateTime, DateTimeZoneHandling.RoundtripKind,
    /// then PSObjects) and what this class builds the same way: an object is a new <c>PSObject</c> (a PSCustomObject) with a
    /// <c>PSNoteProperty</c> per member in document order; an array is an <c>object[]</c>; a string is a <c>string</c>, except
    /// that a string of 19 to 40 characters that starts with a digit, has 'T' at index 10 and is a date in Newtonsoft's ISO
    /// grammar is a <c>DateTime</c> (no zone: Unspecified; Z: Utc; an offset: converted to Local); an integer is an
    /// <c>Int64</c>, or a <c>BigInteger</c> beyond Int64; a number with a fraction or exponent is a <c>Double</c> (overflow
    /// gives infinity); true/false are <c>Boolean</c>; null is null.</para>
    /// <para>Where the result could differ from ConvertFrom-Json the Try methods return false and build nothing, and the
    /// caller runs ConvertFrom-Json on the text (which either parses it its own way or fails the same way it always did):
    /// text that is not strict JSON (Newtonsoft also reads comments, single quotes, unquoted names, trailing commas, NaN,
    /// hexadecimal and leading-zero numbers, a byte order mark), nesting deeper than <see cref="MaxDepth"/>, a property name
    /// that is empty, repeated in any letter case, or reserved by PowerShell (psobject, psbase, ...), a "/Date(...)/" string,
    /// an integer of more than 300 characters, a lone surrogate escape, invalid UTF-8, and a date Newtonsoft cannot build
    /// (24:00:00 on 9999-12-31).</para>
    /// <para>Needs System.Management.Automation, which Add-Type references; a C# project without the PowerShell SDK can
    /// define CIPPAPI_NO_POWERSHELL to leave this class out. Thread safe (no shared mutable state).</para>
    /// </remarks>
    public static class CippJson
    {
        /// <summary>The deepest nesting converted here; deeper documents are left to ConvertFrom-Json (its limit is 1024).</summary>
        public const int MaxDepth = 1000;

        private const int MaxIntegerLength = 300;
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private static readonly object BoxedTrue = true;
        private static readonly object BoxedFalse = false;
        private static readonly object[] SmallIntegers = CreateSmallIntegers();

        /// <summary>Converts a response's body (its UTF-8 bytes, without decoding it to a string). Returns false when
        /// the body is empty or must go through ConvertFrom-Json (see the class remarks).</summary>
        public static bool TryConvertFromJson(CippResponse response, out object result)
        {
            if (response == null) throw new ArgumentNullException(nameof(response));
            return TryConvertFromJson(new ReadOnlySpan<byte>(response.BodyBytes), out result);
        }

        /// <summary>Converts UTF-8 JSON bytes. Returns false when they must go through ConvertFrom-Json.</summary>
        public static bool TryConvertFromJson(byte[] utf8, out object result)
        {
            if (utf8 == null) throw new ArgumentNullException(nameof(utf8));
            return TryConvertFromJson(new ReadOnlySpan<byte>(utf8), out result);
        }

        /// <summary>Converts <paramref name="count"/> UTF-8 JSON bytes from <paramref name="offset"/>.</summary>
        public static bool TryConvertFromJson(byte[] utf8, int offset, int count, out object result)
        {
            if (utf8 == null) throw new ArgumentNullException(nameof(utf8));
            return TryConvertFromJson(new ReadOnlySpan<byte>(utf8, offset, count), out result);
        }

        /// <summary>Converts UTF-8 JSON in native memory (e.g. <c>cipp_response_body</c>); copies it once into a pooled
        /// buffer. The memory must stay valid during the call.</summary>
        public static bool TryConvertFromJson(IntPtr data, long length, out object result)
        {
            if (length < 0 || length > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(length));
            if (data == IntPtr.Zero || length == 0)
            {
                result = null;
                return false;
            }
            byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                Marshal.Copy(data, buffer, 0, (int)length);
                return TryConvertFromJson(new ReadOnlySpan<byte>(buffer, 0, (int)length), out result);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>Converts JSON text (encoded to UTF-8 first; for tests and callers that only have a string).</summary>
        public static bool TryConvertFromJson(string json, out object result)
        {
            if (json == null) throw new ArgumentNullException(nameof(json));
            return TryConvertFromJson(Encoding.UTF8.GetBytes(json), out result);
        }

        /// <summary>Converts UTF-8 JSON bytes to what <c>ConvertFrom-Json -NoEnumerate</c> returns: a PSObject, an
        /// object[], a scalar or null. Returns false (result null) when the bytes must go through ConvertFrom-Json.</summary>
        public static bool TryConvertFromJson(ReadOnlySpan<byte> utf8, out object result)
        {
            result = null;
            // ConvertFrom-Json sees a byte order mark as a character; leave that (and an empty body) to it.
            if (utf8.Length == 0 || (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)) return false;
            try
            {
                return new Builder().Run(utf8, out result);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is InvalidOperationException
                || e is ArgumentException || e is FormatException || e is OverflowException
                || e is System.Management.Automation.ExtendedTypeSystemException)
            {
                // Not strict JSON, invalid UTF-8 or surrogates, a reserved member name, a date out of range: the
                // caller's ConvertFrom-Json decides (and fails, if it fails, with its own message).
                result = null;
                return false;
            }
        }

        /// <summary>The response body's values as the module writes them: the elements of a top-level array, or the one
        /// value otherwise. Null when the body is empty or must go through ConvertFrom-Json.</summary>
        public static object[] ConvertToPSObjects(CippResponse response)
        {
            if (!TryConvertFromJson(response, out object result)) return null;
            return result as object[] ?? new[] { result };
        }

        private static object[] CreateSmallIntegers()
        {
            var boxes = new object[256];
            for (int i = 0; i < boxes.Length; i++) boxes[i] = (long)i;
            return boxes;
        }

        /// <summary>One conversion: the container stack and the string caches (repeated names and short values are
        /// decoded once per body; the caches are bounded and only save memory, they change no value).</summary>
        private sealed class Builder
        {
            private Frame[] _frames = new Frame[8];
            private int _depth = -1;
            private readonly StringCache _names = new StringCache(1024, 128);
            private readonly StringCache _values = new StringCache(4096, 48);

            private sealed class Frame
            {
                public System.Management.Automation.PSObject Obj;
                public List<object> Items;
                public string Name;
                public readonly HashSet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            public bool Run(ReadOnlySpan<byte> utf8, out object result)
            {
                result = null;
                var options = new System.Text.Json.JsonReaderOptions
                {
                    CommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
                    AllowTrailingCommas = false,
                    MaxDepth = MaxDepth,
                };
                var reader = new System.Text.Json.Utf8JsonReader(utf8, options);
                bool haveRoot = false;
                while (reader.Read())
                {
                    object value;
                    switch (reader.TokenType)
                    {
                        case System.Text.Json.JsonTokenType.StartObject:
                            Push().Obj = new System.Management.Automation.PSObject();
                            continue;
                        case System.Text.Json.JsonTokenType.StartArray:
                            {
                                Frame f = Push();
                                if (f.Items == null) f.Items = new List<object>();
                                continue;
                            }
                        case System.Text.Json.JsonTokenType.PropertyName:
                            {
                                Frame f = _frames[_depth];
                                string name = ReadName(ref reader);
                                // ConvertFrom-Json fails on an empty name and on names equal but for case, and
                                // keeps only the last of exact duplicates (moved to the end): all left to it.
                                if (name.Length == 0 || !f.Names.Add(name)) return false;
                                f.Name = name;
                                continue;
                            }
                        case System.Text.Json.JsonTokenType.EndObject:
                            {
                                Frame f = _frames[_depth--];
                                value = f.Obj;
                                f.Obj = null;
                                f.Name = null;
                                f.Names.Clear();
                                break;
                            }
                        case System.Text.Json.JsonTokenType.EndArray:
                            {
                                Frame f = _frames[_depth--];
                                value = f.Items.Count == 0 ? Array.Empty<object>() : f.Items.ToArray();
                                f.Items.Clear();
                                break;
                            }
                        case System.Text.Json.JsonTokenType.String:
                            if (!TryReadStringValue(ref reader, out value)) return false;
                            break;
                        case System.Text.Json.JsonTokenType.Number:
                            if (!TryReadNumber(reader.ValueSpan, out value)) return false;
                            break;
                        case System.Text.Json.JsonTokenType.True:
                            value = BoxedTrue;
                            break;
                        case System.Text.Json.JsonTokenType.False:
                            value = BoxedFalse;
                            break;
                        case System.Text.Json.JsonTokenType.Null:
                            value = null;
                            break;
                        default:
                            return false;
                    }

                    if (_depth < 0)
                    {
                        result = value;
                        haveRoot = true;
                    }
                    else
                    {
                        Frame parent = _frames[_depth];
                        if (parent.Obj != null)
                        {
                            parent.Obj.Properties.Add(new System.Management.Automation.PSNoteProperty(parent.Name, value));
                        }
                        else
                        {
                            parent.Items.Add(value);
                        }
                    }
                }
                // Read() returns false only at the end of a complete value followed by nothing but whitespace.
                if (!haveRoot)
                {
                    result = null;
                    return false;
                }
                return true;
            }

            private Frame Push()
            {
                _depth++;
                if (_depth == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
                Frame f = _frames[_depth];
                if (f == null)
                {
                    f = new Frame();
                    _frames[_depth] = f;
                }
                return f;
            }

            private string ReadName(ref System.Text.Json.Utf8JsonReader reader)
            {
                // (Utf8JsonReader.ValueIsEscaped is .NET 7+: a raw value with a backslash has escapes.)
                ReadOnlySpan<byte> raw = reader.ValueSpan;
                if (raw.IndexOf((byte)'\\') >= 0) return reader.GetString();
                if (_names.TryGet(raw, out int slot, out object cached)) return (string)cached;
                string name = StrictUtf8.GetString(raw);
                _names.Set(slot, raw, name);
                return name;
            }

            private bool TryReadStringValue(ref System.Text.Json.Utf8JsonReader reader, out object value)
            {
                int slot = -1;
                ReadOnlySpan<byte> raw = reader.ValueSpan;
                string text;
                if (raw.IndexOf((byte)'\\') >= 0)
                {
                    text = reader.GetString();
                }
                else
                {
                    if (_values.TryGet(raw, out slot, out value)) return true;
                    text = StrictUtf8.GetString(raw);
                }

                if (!TryNewtonsoftValue(text, out value)) return false;
                if (slot >= 0) _values.Set(slot, raw, value);
                return true;
            }
        }

        /// <summary>The value Newtonsoft gives a JSON string (DateParseHandling.DateTime, RoundtripKind); false when it
        /// is a Microsoft "/Date(...)/" string (left to ConvertFrom-Json).</summary>
        private static bool TryNewtonsoftValue(string text, out object value)
        {
            value = text;
            int n = text.Length;
            if (n == 0) return true;
            if (text[0] == '/')
            {
                return !(n >= 9 && text.StartsWith("/Date(", StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal));
            }
            if (n >= 19 && n <= 40 && char.IsDigit(text[0]) && text[10] == 'T' && TryParseIsoDate(text, out DateTime date))
            {
                value = date;
            }
            return true;
        }

        /// <summary>Newtonsoft's ISO-8601 reading (its DateTimeParser and DateTimeUtils.TryParseDateTimeIso), quirks
        /// included: hour 24 only as 24:00:00 (the next day), 1 to 7 fraction digits, Z or z, an offset of +HH, +HHmm
        /// or +HH:mm (minutes optional after the colon) with hours and minutes up to 99, and 2 unused digits or ':' and
        /// 2 unused digits where a zone would be. May throw ArgumentOutOfRangeException (the caller defers).</summary>
        private static bool TryParseIsoDate(string s, out DateTime value)
        {
            value = default;
            int n = s.Length;
            if (!Digits(s, 0, 4, out int year) || year < 1 || s[4] != '-'
                || !Digits(s, 5, 2, out int month) || month < 1 || month > 12 || s[7] != '-'
                || !Digits(s, 8, 2, out int day) || day < 1 || day > DateTime.DaysInMonth(year, month) || s[10] != 'T'
                || !Digits(s, 11, 2, out int hour) || hour > 24 || s[13] != ':'
                || !Digits(s, 14, 2, out int minute) || minute > 59 || s[16] != ':'
                || !Digits(s, 17, 2, out int second) || second > 59
                || (hour == 24 && (minute != 0 || second != 0)))
            {
                return false;
            }

            int p = 19;
            long fraction = 0;
            if (p < n && s[p] == '.')
            {
                p++;
                int digits = 0;
                while (p < n && digits < 7 && s[p] >= '0' && s[p] <= '9')
                {
                    fraction = fraction * 10 + (s[p] - '0');
                    digits++;
                    p++;
                }
                if (digits == 0) return false;
                for (int i = digits; i < 7; i++) fraction *= 10;
                if (hour == 24 && fraction != 0) return false;
            }

            // Zone: 0 none, 1 Z, 2 west (-), 3 east (+).
            int zone = 0;
            int zoneHour = 0;
            int zoneMinute = 0;
            if (p < n)
            {
                char c = s[p];
                if (c == 'Z' || c == 'z')
                {
                    zone = 1;
                    p++;
                }
                else
                {
                    if (Digits(s, p + 1, 2, out int h) && (c == '-' || c == '+'))
                    {
                        zone = c == '-' ? 2 : 3;
                        zoneHour = h;
                        p += 3;
                    }
                    if (p < n)
                    {
                        if (s[p] == ':') p++;
                        if (Digits(s, p, 2, out int m))
                        {
                            zoneMinute = m;
                            p += 2;
                        }
                    }
                }
            }
            if (p != n) return false;

            DateTime d = new DateTime(year, month, day, hour == 24 ? 0 : hour, minute, second).AddTicks(fraction);
            if (hour == 24) d = d.AddDays(1);
            switch (zone)
            {
                case 1:
                    d = new DateTime(d.Ticks, DateTimeKind.Utc);
                    break;
                case 2:
                case 3:
                    {
                        long offset = new TimeSpan(zoneHour, zoneMinute, 0).Ticks;
                        long ticks = zone == 2 ? d.Ticks + offset : d.Ticks - offset;
                        if (ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks)
                        {
                            d = new DateTime(ticks, DateTimeKind.Utc).ToLocalTime();
                        }
                        else
                        {
                            ticks += TimeZoneInfo.Local.GetUtcOffset(d).Ticks;
                            if (ticks > DateTime.MaxValue.Ticks) ticks = DateTime.MaxValue.Ticks;
                            if (ticks < DateTime.MinValue.Ticks) ticks = DateTime.MinValue.Ticks;
                            d = new DateTime(ticks, DateTimeKind.Local);
                        }
                        break;
                    }
            }
            value = d;
            return true;
        }

        private static bool Digits(string s, int start, int count, out int value)
        {
            value = 0;
            if (start + count > s.Length) return false;
            for (int i = start; i < start + count; i++)
            {
                int digit = s[i] - '0';
                if (digit < 0 || digit > 9) return false;
                value = value * 10 + digit;
            }
            return true;
        }

        /// <summary>Newtonsoft's number reading: Int64 when the integer fits, else BigInteger; Double (with .NET's parse
        /// of the same text) for a fraction or exponent.</summary>
        private static bool TryReadNumber(ReadOnlySpan<byte> raw, out object value)
        {
            value = null;
            bool isFloat = false;
            for (int i = 0; i < raw.Length; i++)
            {
                byte b = raw[i];
                if (b == '.' || b == 'e' || b == 'E')
                {
                    isFloat = true;
                    break;
                }
            }

            if (!isFloat && raw.Length <= 18)
            {
                // At most 18 characters: fits in an Int64 with room to spare.
                bool negative = raw[0] == '-';
                long number = 0;
                for (int i = negative ? 1 : 0; i < raw.Length; i++) number = number * 10 + (raw[i] - '0');
                if (negative) number = -number;
                value = number >= 0 && number < SmallIntegers.Length ? SmallIntegers[number] : number;
                return true;
            }
            if (!isFloat && raw.Length > MaxIntegerLength) return false;

            Span<char> chars = raw.Length <= 256 ? stackalloc char[raw.Length] : new char[raw.Length];
            for (int i = 0; i < raw.Length; i++) chars[i] = (char)raw[i];
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            if (isFloat)
            {
                value = double.Parse(chars, System.Globalization.NumberStyles.Float, invariant);
            }
            else if (long.TryParse(chars, System.Globalization.NumberStyles.AllowLeadingSign, invariant, out long big))
            {
                value = big;
            }
            else
            {
                value = System.Numerics.BigInteger.Parse(chars, System.Globalization.NumberStyles.AllowLeadingSign, invariant);
            }
            return true;
        }

        /// <summary>A small direct-mapped cache from UTF-8 bytes to the decoded value (collisions overwrite).</summary>
        private sealed class StringCache
        {
            private readonly byte[][] _keys;
            private readonly object[] _values;
            private readonly int _mask;
            private readonly int _maxLength;

            public StringCache(int size, int maxLength)
            {
                _keys = new byte[size][];
                _values = new object[size];
                _mask = size - 1;
                _maxLength = maxLength;
            }

            /// <summary>Looks the bytes up; <paramref name="slot"/> is where to <see cref="Set"/> them, or -1 when they
            /// are too long to cache.</summary>
            public bool TryGet(ReadOnlySpan<byte> key, out int slot, out object value)
            {
                value = null;
                if (key.Length > _maxLength)
                {
                    slot = -1;
                    return false;
                }
                uint hash = 2166136261;
                for (int i = 0; i < key.Length; i++) hash = (hash ^ key[i]) * 16777619;
                slot = (int)(hash & (uint)_mask);
                byte[] existing = _keys[slot];
                if (existing != null && key.SequenceEqual(existing))
                {
                    value = _values[slot];
                    return true;
                }
                return false;
            }

            public void Set(int slot, ReadOnlySpan<byte> key, object value)
            {
                if (slot < 0) return;
                _keys[slot] = key.ToArray();
                _values[slot] = value;
            }
        }
    }
#endif
}

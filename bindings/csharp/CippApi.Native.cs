// CippApi native layer: loading the cippapi library, its C functions (one import per function of
// include/cippapi.h, checked against the header by tests/powershell/CSharp.Tests.ps1), the SafeHandles that own the
// native objects and the UTF-8 marshalling of arguments.
//
// Part of the .NET binding (with CippApi.cs); builds in any .NET 6+ project, no PowerShell needed.

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

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


    /// <summary>Library loading, version and ABI checks.</summary>
    public static class CippNative
    {
        /// <summary>The C ABI version this binding was written for (<c>CIPP_ABI_VERSION</c> in cippapi.h).</summary>
        public const uint BindingAbiVersion = 2;

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

        /// <summary>The short stable name of a status, e.g. <c>network</c> (<c>unknown</c> for other values), as the
        /// library names it (<c>cipp_status_name</c>).</summary>
        public static string StatusName(CippStatus status)
        {
            EnsureLoaded();
            return Marshal.PtrToStringUTF8(NativeMethods.cipp_status_name((int)status)) ?? "unknown";
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
                throw error.Use(e => ReadError(e, status));
            }
        }

        /// <summary>Builds an exception from a live (owned or borrowed) <c>cipp_error*</c>.</summary>
        internal static CippException ReadError(IntPtr error, CippStatus fallback)
        {
            if (error == IntPtr.Zero) return new CippException(fallback, string.Empty);
            string message = Marshal.PtrToStringUTF8(NativeMethods.cipp_error_message(error)) ?? string.Empty;
            string trace = Marshal.PtrToStringUTF8(NativeMethods.cipp_error_trace(error)) ?? string.Empty;
            string advice = Marshal.PtrToStringUTF8(NativeMethods.cipp_error_advice(error)) ?? string.Empty;
            return CippException.FromNative(NativeMethods.cipp_error_status(error), message, trace, advice);
        }

        /// <summary>Copies a live (owned or borrowed) <c>cipp_response*</c> into a managed object; the body is decoded
        /// once, straight from native memory.</summary>
        internal static CippResponse ReadResponse(IntPtr response)
        {
            int status = NativeMethods.cipp_response_status(response);
            string contentType = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_content_type(response)) ?? string.Empty;
            string url = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_url(response)) ?? string.Empty;
            string headers = Marshal.PtrToStringUTF8(NativeMethods.cipp_response_headers(response)) ?? string.Empty;
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
            return new CippResponse(status, contentType, url, headers, body, trace, warnings, advice);
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


    /// <summary>
    /// The one base of every handle over a native object: owns the pointer and frees it with the object's
    /// <c>cipp_*_free</c> exactly once (SafeHandle guarantees that, also against concurrent use and finalization).
    /// </summary>
    internal abstract class CippHandle : SafeHandle
    {
        protected CippHandle() : base(IntPtr.Zero, true) { }

        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>The native free function of this object type.</summary>
        protected abstract void Free(IntPtr pointer);

        protected override bool ReleaseHandle()
        {
            Free(handle);
            return true;
        }

        /// <summary>Runs <paramref name="read"/> on the raw pointer while holding a reference (no free meanwhile).</summary>
        internal T Use<T>(Func<IntPtr, T> read)
        {
            bool added = false;
            try
            {
                DangerousAddRef(ref added);
                return read(handle);
            }
            finally
            {
                if (added) DangerousRelease();
            }
        }
    }

    /// <summary>Owns a <c>cipp_client*</c>.</summary>
    internal sealed class ClientHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_client_free(pointer);
    }

    /// <summary>Owns a <c>cipp_settings*</c>.</summary>
    internal sealed class SettingsHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_settings_free(pointer);
    }

    /// <summary>Owns a <c>cipp_request*</c>.</summary>
    internal sealed class RequestHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_request_free(pointer);
    }

    /// <summary>Owns a <c>cipp_call*</c> (the handle of an asynchronous call).</summary>
    internal sealed class CallHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_call_free(pointer);
    }

    /// <summary>Owns a <c>cipp_response*</c>.</summary>
    internal sealed class ResponseHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_response_free(pointer);

        /// <summary>Copies the response into a managed object.</summary>
        internal CippResponse Read() => Use(CippNative.ReadResponse);
    }

    /// <summary>Owns a <c>cipp_batch*</c>.</summary>
    internal sealed class BatchHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_batch_free(pointer);
    }

    /// <summary>Owns a <c>cipp_batch_item*</c>; its response and error are borrowed from it.</summary>
    internal sealed class BatchItemHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_batch_item_free(pointer);

        internal CippBatchItem Read() => Use(item =>
        {
            string tenant = Marshal.PtrToStringUTF8(NativeMethods.cipp_batch_item_tenant(item)) ?? string.Empty;
            CippStatus status = NativeMethods.cipp_batch_item_status(item);
            IntPtr response = NativeMethods.cipp_batch_item_response(item);
            IntPtr error = NativeMethods.cipp_batch_item_error(item);
            return new CippBatchItem(tenant, status,
                response == IntPtr.Zero ? null : CippNative.ReadResponse(response),
                error == IntPtr.Zero ? null : CippNative.ReadError(error, status));
        });
    }

    /// <summary>Owns a <c>cipp_error*</c>.</summary>
    internal sealed class ErrorHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_error_free(pointer);
    }

    /// <summary>Owns a <c>char*</c> returned as an owned output (freed with <c>cipp_string_free</c>).</summary>
    internal sealed class OwnedStringHandle : CippHandle
    {
        protected override void Free(IntPtr pointer) => NativeMethods.cipp_string_free(pointer);

        internal string Read() => IsInvalid ? string.Empty : Marshal.PtrToStringUTF8(handle) ?? string.Empty;
    }

    /// <summary>
    /// Arguments for one native call as NUL-terminated UTF-8 in native memory, zeroed and freed on dispose (settings
    /// include the client secret). A string is passed exactly or refused: a NUL character (which C strings cannot
    /// carry) or a lone surrogate (not representable in UTF-8) throws <see cref="ArgumentException"/> naming the
    /// parameter, instead of the text being cut or changed on the way.
    /// </summary>
    internal sealed class NativeArgs : IDisposable
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private readonly List<KeyValuePair<IntPtr, int>> _blocks = new List<KeyValuePair<IntPtr, int>>();

        /// <summary>A NUL-terminated copy of <paramref name="text"/>; NULL for null.</summary>
        internal IntPtr Str(string text, string parameter)
        {
            if (text == null) return IntPtr.Zero;
            RefuseNul(text, parameter);
            byte[] bytes = Encode(text, parameter, 1);
            return Copy(bytes, bytes.Length);
        }

        /// <summary>Refuses what <see cref="Str"/> would refuse (a NUL, a lone surrogate), naming the parameter,
        /// without copying the text anywhere; null passes.</summary>
        internal static void Check(string text, string parameter)
        {
            if (text == null) return;
            RefuseNul(text, parameter);
            Encode(text, parameter, 0);
        }

        private static void RefuseNul(string text, string parameter)
        {
            int nul = text.IndexOf('\0');
            if (nul >= 0)
            {
                throw new ArgumentException(
                    "The value contains a NUL character (U+0000) at index " + nul + ", which the native " +
                    "library cannot receive in this argument; remove it (nothing was sent).", parameter);
            }
        }

        /// <summary>A required string: null throws <see cref="ArgumentNullException"/> naming the parameter.</summary>
        internal IntPtr Required(string text, string parameter)
        {
            if (text == null) throw new ArgumentNullException(parameter);
            return Str(text, parameter);
        }

        /// <summary>The UTF-8 bytes of <paramref name="text"/> (any character, NUL included) and their count.</summary>
        internal IntPtr Bytes(string text, string parameter, out UIntPtr length)
        {
            length = UIntPtr.Zero;
            if (text == null) return IntPtr.Zero;
            byte[] bytes = Encode(text, parameter, 0);
            length = (UIntPtr)bytes.Length;
            return Copy(bytes, Math.Max(bytes.Length, 1));
        }

        /// <summary>Parallel arrays of query keys and values (a null value becomes NULL: sent as <c>key=</c>).</summary>
        internal void Query(IEnumerable<KeyValuePair<string, string>> query, string parameter, out IntPtr[] keys,
            out IntPtr[] values)
        {
            var pairs = query == null ? new List<KeyValuePair<string, string>>() : new List<KeyValuePair<string, string>>(query);
            keys = new IntPtr[pairs.Count];
            values = new IntPtr[pairs.Count];
            for (int i = 0; i < pairs.Count; i++)
            {
                if (pairs[i].Key == null) throw new ArgumentException("The query key at position " + i + " is null.", parameter);
                keys[i] = Str(pairs[i].Key, parameter);
                values[i] = Str(pairs[i].Value, parameter);
            }
        }

        private static byte[] Encode(string text, string parameter, int extra)
        {
            try
            {
                byte[] bytes = new byte[StrictUtf8.GetByteCount(text) + extra];
                StrictUtf8.GetBytes(text, 0, text.Length, bytes, 0);
                return bytes;
            }
            catch (EncoderFallbackException e)
            {
                throw new ArgumentException(
                    "The value contains a lone surrogate (invalid UTF-16) at index " + e.Index + ", which has no UTF-8 " +
                    "form; fix the text (nothing was sent).", parameter, e);
            }
        }

        private IntPtr Copy(byte[] bytes, int size)
        {
            IntPtr block = Marshal.AllocHGlobal(size);
            _blocks.Add(new KeyValuePair<IntPtr, int>(block, size));
            Marshal.Copy(bytes, 0, block, bytes.Length);
            Array.Clear(bytes, 0, bytes.Length);
            return block;
        }

        public void Dispose()
        {
            foreach (KeyValuePair<IntPtr, int> b in _blocks)
            {
                Marshal.Copy(new byte[b.Value], 0, b.Key, b.Value);
                Marshal.FreeHGlobal(b.Key);
            }
            _blocks.Clear();
        }
    }

    /// <summary><c>cipp_callback</c>: the outcome of <c>cipp_client_send_async</c>, on a library thread.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    internal delegate void CippCallback(IntPtr userData, CippStatus status, IntPtr response, IntPtr error);

    /// <summary>The C functions of cippapi.h, one import each (strings as pointers from <see cref="NativeArgs"/>).</summary>
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
        internal static extern CippStatus cipp_selftest_panic(out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_error_status(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_error_message(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_error_trace(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_error_advice(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_error_free(IntPtr error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_string_free(IntPtr text);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern SettingsHandle cipp_settings_new();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_settings_set(SettingsHandle settings, IntPtr name, IntPtr value, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_settings_free(IntPtr settings);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_new(SettingsHandle settings, out ClientHandle client, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_client_free(IntPtr client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_cancel(ClientHandle client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_build_url(ClientHandle client, RequestHandle request, out OwnedStringHandle url, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_diagnose(ClientHandle client, out OwnedStringHandle json, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_batch_next(BatchHandle batch, uint waitMs, out BatchItemHandle item, out ErrorHandle error);

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
        internal static extern CippStatus cipp_catalog_list(IntPtr filter, out OwnedStringHandle json, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_catalog_describe(IntPtr endpoint, out OwnedStringHandle json, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_endpoint_classify(IntPtr endpoint, out OwnedStringHandle json, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_endpoint_word(IntPtr text, out OwnedStringHandle word, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_set_details(IntPtr clientId, IntPtr clientSecret, IntPtr apiUrl, IntPtr tenantId, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_set_default_client(ClientHandle client);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_default_client(out ClientHandle client, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_invoke(RequestHandle request, out ResponseHandle response, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_get_logs(IntPtr severity, IntPtr dateFilter, IntPtr startDate, IntPtr endDate, out ResponseHandle response, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern ushort cipp_response_status(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_content_type(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_url(IntPtr response);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern IntPtr cipp_response_headers(IntPtr response);

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

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern RequestHandle cipp_request_new();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_request_new_logs(IntPtr severity, IntPtr dateFilter, IntPtr startDate, IntPtr endDate, out RequestHandle request, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_request_set_method(RequestHandle request, IntPtr method, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_request_set_endpoint(RequestHandle request, IntPtr endpoint, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_request_add_query(RequestHandle request, IntPtr key, IntPtr value, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_request_set_body(RequestHandle request, IntPtr body, UIntPtr len, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_request_set_content_type(RequestHandle request, IntPtr contentType, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_request_set_tenants(RequestHandle request, IntPtr tenantKey, int tenantIn, [In] IntPtr[] tenants, UIntPtr tenantCount, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_batch_start_request(ClientHandle client, RequestHandle request, uint throttle, out BatchHandle batch, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_request_free(IntPtr request);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_send(ClientHandle client, RequestHandle request, out ResponseHandle response, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_preview_request(ClientHandle client, RequestHandle request, out OwnedStringHandle json, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_client_send_async(ClientHandle client, RequestHandle request, CippCallback callback, IntPtr userData, out CallHandle call, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_call_cancel(CallHandle call);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_call_wait(CallHandle call, uint waitMs);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern CippStatus cipp_call_take(CallHandle call, out ResponseHandle response, out ErrorHandle error);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
        internal static extern void cipp_call_free(IntPtr call);
    }
}

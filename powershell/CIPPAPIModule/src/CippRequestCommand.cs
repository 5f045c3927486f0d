// The module's request engine as a compiled cmdlet (System.Management.Automation needed): sends one request through
// the native client, blocking in the library for it (Ctrl+C cancels this call alone), writes the answer the way
// Invoke-RestMethod does and turns failures into Invoke-RestMethod's error records. Compiled with the module's other
// src/*.cs and the binding into one assembly by the loader.
//
// Private to the module: not exported, invoked through a CmdletInfo the loader keeps in $script:CIPPRequestCommand.
// Compiled because it runs on every call: as PowerShell functions (a wait loop, conversion and warning helpers) this
// path cost about 0.7 ms of a 1.2 ms one-row call (BENCHMARKS.md, "Round 3: the compiled request engine").

using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Net.Http;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace CippApi
{
    /// <summary>
    /// <c>Invoke-CIPPRequest</c>, the private engine of Invoke-CIPPRestMethod, Get-CIPPLogs and Invoke-CIPPForEachTenant.
    /// </summary>
    /// <remarks>
    /// <para>Parameter sets: <c>Invoke</c> (a request: -Method, -Endpoint, -Query, -Body, -ContentType, -QuietCatalog),
    /// <c>Convert</c> (-Response: write an answer already received, for the fan-out) and <c>Wait</c> (-Task: wait for
    /// another native task, cancelling the client's calls on Ctrl+C). Get-CIPPLogs calls <see cref="GetLogs"/> with its
    /// own $PSCmdlet instead (same output, no nested command).</para>
    /// <para>HTTP and transport failures are statement-terminating (ThrowTerminatingError), as Invoke-RestMethod's are
    /// inside the community module's Invoke-CIPPRestMethod, and point at the caller's line outside the module.</para>
    /// </remarks>
    [Cmdlet(VerbsLifecycle.Invoke, "CIPPRequest", DefaultParameterSetName = "Invoke")]
    public sealed class InvokeCippRequestCommand : PSCmdlet
    {
        // Needed only when a call warns or fails, and costly to make (HttpResponseException's assembly is loaded, a
        // regex parsed): in a class of their own, made on first use, not when the loader sets ModuleRoot at import.
        private static class OnFirstUse
        {
            internal static readonly PropertyInfo ScriptPositionProperty =
                typeof(InvocationInfo).GetProperty("ScriptPosition", BindingFlags.Instance | BindingFlags.NonPublic);
            internal static readonly Regex FailureText =
                new Regex(@"^\s*(Failed|Error)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            internal static readonly Type HttpResponseExceptionType = Type.GetType(
                "Microsoft.PowerShell.Commands.HttpResponseException, Microsoft.PowerShell.Commands.Utility", true);
            // How this PowerShell's Invoke-RestMethod words an error body (7.5 and later indent JSON and XML); null
            // where it has no such method (then it only drops HTML tags, as ErrorDetailsText does).
            internal static readonly MethodInfo FormatErrorMessage = HttpResponseExceptionType.Assembly
                .GetType("Microsoft.PowerShell.Commands.WebRequestPSCmdlet")
                ?.GetMethod("FormatErrorMessage", BindingFlags.Static | BindingFlags.NonPublic, null,
                    new[] { typeof(string), typeof(string) }, null);
            internal static readonly Regex HtmlTag = new Regex("<[^>]*>", RegexOptions.CultureInvariant);
        }

        private static readonly string[] ResultTextNames = { "resultText", "text", "message", "Results" };

        /// <summary>The module's client.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Invoke")]
        [Parameter(ParameterSetName = "Wait")]
        public CippClient Client { get; set; }

        /// <summary>HTTP method (GET or POST).</summary>
        [Parameter(ParameterSetName = "Invoke")]
        public string Method { get; set; } = "GET";

        /// <summary>The endpoint as the caller gave it; the library normalises it.</summary>
        [Parameter(ParameterSetName = "Invoke")]
        [AllowEmptyString]
        public string Endpoint { get; set; }

        /// <summary>Query pairs in order (<see cref="QueryPairs"/>).</summary>
        [Parameter(ParameterSetName = "Invoke")]
        public IEnumerable<KeyValuePair<string, string>> Query { get; set; }

        /// <summary>The JSON body text.</summary>
        [Parameter(ParameterSetName = "Invoke")]
        public string Body { get; set; }

        /// <summary>Content type; empty or absent means application/json.</summary>
        [Parameter(ParameterSetName = "Invoke")]
        [AllowEmptyString]
        [AllowNull]
        public string ContentType { get; set; }

        /// <summary>Catalog findings go to the verbose stream (the module's own commands), not to warnings.</summary>
        [Parameter(ParameterSetName = "Invoke")]
        public SwitchParameter QuietCatalog { get; set; }

        /// <summary>An answer already received (fan-out): written like a single call's.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Convert")]
        public CippResponse Response { get; set; }

        /// <summary>Prefix of the warnings about failures reported with 200 (the tenant in a fan-out).</summary>
        [Parameter(ParameterSetName = "Convert")]
        public string WarningPrefix { get; set; }

        /// <summary>A started native task to wait for; its result is written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Wait")]
        public Task Task { get; set; }

        /// <summary>The command named in the error record of a failed -Task.</summary>
        [Parameter(ParameterSetName = "Wait")]
        public string Activity { get; set; } = "Invoke-CIPPRestMethod";

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            switch (ParameterSetName)
            {
                case "Convert":
                    WriteBody(this, Response, WarningPrefix);
                    return;
                case "Wait":
                    WaitFor(Task, () => Client?.Cancel(), Activity);
                    WriteObject(Task.GetType().GetProperty("Result")?.GetValue(Task));
                    return;
            }
            // Errors name the public command (the error view shows the activity), not this private engine.
            Send(this, stop => Client.InvokeRestMethod(Method, Endpoint ?? string.Empty, Query, Body,
                string.IsNullOrEmpty(ContentType) ? null : ContentType, stop), Method, "Invoke-CIPPRestMethod",
                QuietCatalog.IsPresent);
        }

        /// <summary>
        /// Get-CIPPLogs' way in, called with its own $PSCmdlet: GET /api/ListLogs with the output and errors of the
        /// cmdlet's own requests, without a nested command (the hot path of small calls). <paramref name="filters"/>
        /// holds only the filters the caller gave (Severity, DateFilter, StartDate, EndDate); the library owns the
        /// defaults. Ctrl+C: the cmdlet's Stopping flag is read every 100 ms while the library waits, and stops this
        /// call alone.
        /// </summary>
        public static void GetLogs(PSCmdlet cmdlet, CippClient client, IDictionary filters) =>
            Send(cmdlet, stop => client.GetLogs(LogFilter(filters, "Severity"), LogFilter(filters, "DateFilter"),
                LogFilter(filters, "StartDate"), LogFilter(filters, "EndDate"), stop), "GET", "Get-CIPPLogs", false);

        /// <summary>The URL <see cref="GetLogs"/> sends to for <paramref name="filters"/> (Get-CIPPLogs' verbose line):
        /// the library's query and defaults, dates as they are sent.</summary>
        public static string LogsUrl(CippClient client, IDictionary filters) =>
            client.BuildLogsUrl(LogFilter(filters, "Severity"), LogFilter(filters, "DateFilter"),
                LogFilter(filters, "StartDate"), LogFilter(filters, "EndDate"));

        // A filter the caller gave, as text; null (the library's default) when not given.
        private static string LogFilter(IDictionary filters, string name) =>
            filters != null && filters.Contains(name) ? Text(filters[name]) : null;

        // One request, blocking in the library: Ctrl+C (the cmdlet's Stopping flag, read every 100 ms while it waits)
        // cancels this call alone. Then the library's trace and catalog findings, and the error record or the body.
        private static void Send(PSCmdlet cmdlet, Func<Func<bool>, CippResponse> send, string method, string activity,
            bool quietCatalog)
        {
            CippResponse response;
            try
            {
                response = send(() => cmdlet.Stopping);
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                if (cmdlet.Stopping) throw new PipelineStoppedException();
                Fail(cmdlet, e, activity);
                return;
            }
            WriteText(cmdlet, response.Trace, string.Empty, false);
            if (!string.IsNullOrEmpty(response.Warnings))
            {
                WriteText(cmdlet, response.Warnings, "Catalog check: ", !quietCatalog);
            }
            if (!response.IsSuccessStatusCode)
            {
                PointAtCaller(cmdlet);
                cmdlet.ThrowTerminatingError(HttpErrorRecord(response, method, activity));
            }
            WriteBody(cmdlet, response, null);
        }

        /// <summary>Waits for <paramref name="task"/> to succeed; a failure becomes the terminating error record of
        /// <paramref name="activity"/>. A pipeline stop (Ctrl+C) runs <paramref name="cancel"/> first.</summary>
        private void WaitFor(Task task, Action cancel, string activity)
        {
            try
            {
                // A stop (Ctrl+C) is seen between the slices; the native calls then end with Cancelled within
                // milliseconds.
                while (!task.IsCompleted)
                {
                    if (Stopping)
                    {
                        cancel();
                        ((IAsyncResult)task).AsyncWaitHandle.WaitOne(1000);
                        throw new PipelineStoppedException();
                    }
                    ((IAsyncResult)task).AsyncWaitHandle.WaitOne(200);
                }
                task.GetAwaiter().GetResult();
            }
            catch (Exception e) when (!(e is PipelineStoppedException))
            {
                if (Stopping) throw new PipelineStoppedException();
                Fail(this, e, activity);
            }
        }

        private static void Fail(PSCmdlet cmdlet, Exception e, string activity)
        {
            Exception inner = Unwrap(e);
            if (inner is CippException native) WriteText(cmdlet, native.Trace, string.Empty, false);
            PointAtCaller(cmdlet);
            cmdlet.ThrowTerminatingError(NativeErrorRecord(inner, activity));
        }

        /// <summary>A -Params hashtable as ordered key/value pairs for the native call: the hashtable's own order, keys
        /// and values converted as PowerShell's <c>[string]</c> does ($true → True, arrays joined with $OFS, dates in
        /// the invariant culture); a null value is sent as <c>key=</c>.</summary>
        public static List<KeyValuePair<string, string>> QueryPairs(IDictionary parameters)
        {
            var pairs = new List<KeyValuePair<string, string>>(parameters?.Count ?? 0);
            if (parameters == null) return pairs;
            foreach (DictionaryEntry entry in parameters)
            {
                pairs.Add(new KeyValuePair<string, string>(Text(entry.Key), Text(entry.Value)));
            }
            return pairs;
        }

        /// <summary>Writes a successful answer's body as Invoke-RestMethod does, whatever its content type: JSON as
        /// ConvertFrom-Json builds it (a top-level array one element at a time; a big one streamed: each row is built
        /// as it is written), XML as an XmlDocument, anything else (an empty body too) as one string. Warns
        /// about failures that CIPP reports with 200 and about queued answers.</summary>
        public static void WriteBody(Cmdlet cmdlet, CippResponse response, string warningPrefix) =>
            WriteBody(cmdlet, response, warningPrefix, null);

        /// <summary><see cref="WriteBody(Cmdlet, CippResponse, string)"/> for one tenant of a fan-out: every object
        /// written is tagged with <paramref name="tenant"/> (<see cref="TagTenant"/>); null tags nothing.</summary>
        public static void WriteBody(Cmdlet cmdlet, CippResponse response, string warningPrefix, string tenant)
        {
            // An empty body is the empty string, as Invoke-RestMethod (and 1.2.12's `return $response`) gives it.
            if (response.BodyLength == 0)
            {
                cmdlet.WriteObject(TagTenant(string.Empty, tenant));
                return;
            }
            // Invoke-RestMethod tries JSON and XML in an order set by the content type (JSON first for a JSON type),
            // then falls back to the text. No text is both (XML starts with '<', JSON never does), so the first
            // character decides which to try, and the content type does not matter.
            if (StartsWithMarkup(response.BodyBytes))
            {
                cmdlet.WriteObject(TagTenant(TryConvertFromXml(response.Body) ?? (object)response.Body, tenant));
                return;
            }
            // CippJson builds exactly what ConvertFrom-Json -NoEnumerate builds, straight from the UTF-8 bytes; for the
            // rare input where it cannot promise that, it declines and ConvertFrom-Json itself runs.
            // A null result counts only for the JSON literal null: Invoke-RestMethod returns whitespace as text.
            if ((!CippJson.TryConvertFromJsonStreamed(response, out object parsed) && !TryConvertFromJson(cmdlet, response.Body, out parsed)) ||
                (parsed == null && !IsJsonNullLiteral(response.BodyBytes)))
            {
                cmdlet.WriteObject(TagTenant(response.Body, tenant));
                return;
            }
            if (parsed is PSObject pso && pso.BaseObject is PSCustomObject && pso.Properties["Results"] != null)
            {
                WriteResultWarnings(cmdlet, pso, warningPrefix ?? string.Empty);
            }
            // The top level is unrolled (as PowerShell's output of the value would), nested arrays stay intact. One
            // WriteObject per element: WriteObject(list, true) would collect the whole list before writing any of it,
            // and a streamed CippJsonArray builds each row only when it is asked for the next.
            if (parsed is IEnumerable list && !(parsed is string) && !(parsed is PSObject) && !(parsed is IDictionary))
            {
                foreach (object row in list) cmdlet.WriteObject(TagTenant(row, tenant));
            }
            else
            {
                cmdlet.WriteObject(TagTenant(parsed, tenant));
            }
        }

        /// <summary>A fan-out result tagged with its tenant (null: unchanged). A PSCustomObject (what a JSON object
        /// becomes) gets a <c>CIPPTenant</c> note property, replacing one it has; anything else (a string, number,
        /// date, nested array, null) is wrapped as <c>{ CIPPTenant, Value }</c>, because a note property on a value is
        /// lost as soon as the value is copied.</summary>
        public static object TagTenant(object item, string tenant)
        {
            if (tenant == null) return item;
            if (item is PSObject pso && pso.BaseObject is PSCustomObject)
            {
                if (pso.Properties["CIPPTenant"] != null) pso.Properties.Remove("CIPPTenant");
                pso.Properties.Add(new PSNoteProperty("CIPPTenant", tenant));
                return pso;
            }
            var wrapped = new PSObject();
            wrapped.Properties.Add(new PSNoteProperty("CIPPTenant", tenant));
            wrapped.Properties.Add(new PSNoteProperty("Value", item));
            return wrapped;
        }

        /// <summary>True for the JSON literal <c>null</c>, with whitespace around it.</summary>
        private static bool IsJsonNullLiteral(byte[] utf8)
        {
            int start = 0, end = utf8.Length;
            while (start < end && IsJsonSpace(utf8[start])) start++;
            while (end > start && IsJsonSpace(utf8[end - 1])) end--;
            return end - start == 4 && utf8[start] == (byte)'n' && utf8[start + 1] == (byte)'u' &&
                utf8[start + 2] == (byte)'l' && utf8[start + 3] == (byte)'l';
        }

        private static bool IsJsonSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        /// <summary>True when the first character after any whitespace is '<'.</summary>
        private static bool StartsWithMarkup(byte[] utf8)
        {
            foreach (byte b in utf8)
            {
                if (IsJsonSpace(b)) continue;
                return b == (byte)'<';
            }
            return false;
        }

        /// <summary>The body as Invoke-RestMethod reads XML (no DTD, no external resolution, processing instructions
        /// ignored, whitespace kept), or null when it is not well-formed XML (an HTML page, usually).</summary>
        private static System.Xml.XmlDocument TryConvertFromXml(string text)
        {
            var settings = new System.Xml.XmlReaderSettings
            {
                CheckCharacters = false,
                CloseInput = false,
                IgnoreProcessingInstructions = true,
                MaxCharactersFromEntities = 1024,
                DtdProcessing = System.Xml.DtdProcessing.Ignore,
                XmlResolver = null,
            };
            try
            {
                using (var reader = System.Xml.XmlReader.Create(new System.IO.StringReader(text), settings))
                {
                    var document = new System.Xml.XmlDocument { PreserveWhitespace = true };
                    document.Load(reader);
                    return document;
                }
            }
            catch (System.Xml.XmlException)
            {
                return null;
            }
        }

        private static bool TryConvertFromJson(Cmdlet cmdlet, string text, out object parsed)
        {
            parsed = null;
            using (PowerShell ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                ps.AddCommand("Microsoft.PowerShell.Utility\\ConvertFrom-Json")
                    .AddParameter("InputObject", text).AddParameter("NoEnumerate").AddParameter("ErrorAction", "Stop");
                try
                {
                    Collection<PSObject> result = ps.Invoke();
                    parsed = result.Count == 0 ? null : result[0];
                    if (parsed is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) parsed = wrapped.BaseObject;
                    return true;
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    cmdlet.WriteVerbose("The response is labelled JSON but did not parse (" + Unwrap(e).Message +
                        "); returning it as text.");
                    return false;
                }
            }
        }

        /// <summary>CIPP answers many failed actions with 200 and the failure in Results: a string starting with
        /// "Failed" or "Error", or items with state "error". Each becomes a warning; a queued answer says how to get
        /// the rows. The answer itself is still written unchanged.</summary>
        private static void WriteResultWarnings(Cmdlet cmdlet, PSObject parsed, string prefix)
        {
            PSPropertyInfo meta = parsed.Properties["Metadata"];
            if (meta?.Value is PSObject m && m.BaseObject is PSCustomObject && m.Properties["Queued"] != null &&
                Text(m.Properties["Queued"].Value) == "True")
            {
                // CIPP runs the request in the background and answers without the rows: say so instead of an empty result.
                string id = Text(m.Properties["QueueId"]?.Value);
                object queueMessage = m.Properties["QueueMessage"]?.Value;
                string text = LanguagePrimitives.IsTrue(queueMessage) ? " (" + Text(queueMessage) + ")" : string.Empty;
                string how = id.Length > 0
                    ? "QueueId " + id + "; run Wait-CIPPQueue -QueueId " + id + ", then repeat this call to read them"
                    : "repeat this call later to read them";
                cmdlet.WriteWarning(prefix + "CIPP queued this request" + text + "; the answer has no results yet. " + how + ".");
            }
            object results = parsed.Properties["Results"].Value;
            IEnumerable items = results is object[] array ? array : new[] { results };
            foreach (object item in items)
            {
                object value = item is PSObject p && !(p.BaseObject is PSCustomObject) ? p.BaseObject : item;
                if (value is string s)
                {
                    if (OnFirstUse.FailureText.IsMatch(s)) cmdlet.WriteWarning(prefix + s.Trim());
                }
                else if (value is PSObject row && row.BaseObject is PSCustomObject)
                {
                    PSPropertyInfo state = row.Properties["state"];
                    if (state == null || !string.Equals(Text(state.Value), "error", StringComparison.OrdinalIgnoreCase)) continue;
                    object message = null;
                    foreach (string name in ResultTextNames)
                    {
                        PSPropertyInfo found = row.Properties[name];
                        if (found != null)
                        {
                            message = found.Value;
                            break;
                        }
                    }
                    string warning = LanguagePrimitives.IsTrue(message) ? Text(message) : ToJson(row);
                    cmdlet.WriteWarning(prefix + warning);
                }
            }
        }

        // ConvertTo-Json -Compress -Depth 3 of an item without a text (rare: only for warnings).
        private static string ToJson(object item)
        {
            using (PowerShell ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
            {
                ps.AddCommand("Microsoft.PowerShell.Utility\\ConvertTo-Json")
                    .AddParameter("InputObject", item).AddParameter("Compress").AddParameter("Depth", 3);
                Collection<PSObject> result = ps.Invoke();
                return result.Count == 0 ? string.Empty : Text(result[0]);
            }
        }

        /// <summary>One verbose line (or warning) per non-blank line of the library's account of retries and token
        /// refreshes, or of its catalog findings.</summary>
        public static void WriteText(Cmdlet cmdlet, string text, string prefix, bool asWarning)
        {
            if (string.IsNullOrEmpty(text)) return;
            foreach (string line in text.Split('\n'))
            {
                if (line.Trim().Length == 0) continue;
                if (asWarning) cmdlet.WriteWarning(prefix + line.TrimEnd());
                else cmdlet.WriteVerbose(prefix + line.TrimEnd());
            }
        }

        /// <summary>The ErrorRecord Invoke-RestMethod raises for a non-2xx answer: an HttpResponseException carrying an
        /// HttpResponseMessage (status, reason phrase, headers, body, request method and URL), ErrorDetails set to the body, so
        /// <c>$_.Exception.Response.StatusCode</c> and <c>$_.ErrorDetails.Message</c> work as with Invoke-RestMethod; the
        /// library's plain-language advice (401/403/404, sign-in pages) as the recommended action.</summary>
        public static ErrorRecord HttpErrorRecord(CippResponse response, string method, string activity)
        {
            int code = response.StatusCode;
            var message = new HttpResponseMessage((System.Net.HttpStatusCode)code);
            var content = new StringContent(response.Body, System.Text.Encoding.UTF8);
            // The answer's own type; none when it had none (StringContent would claim text/plain).
            content.Headers.ContentType = !string.IsNullOrEmpty(response.ContentType) &&
                System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(response.ContentType, out var mediaType) ? mediaType : null;
            message.Content = content;
            // The answer's own headers (Retry-After, request ids, ...), as Invoke-RestMethod's response has them; the
            // content's length and type are the StringContent's.
            foreach (KeyValuePair<string, string> header in response.HeaderPairs())
            {
                if (header.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase) ||
                    header.Key.Equals("content-length", StringComparison.OrdinalIgnoreCase)) continue;
                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            var request = new HttpRequestMessage(new HttpMethod(method), response.Url);
            message.RequestMessage = request;
            string text = "Response status code does not indicate success: " + code + " (" + message.ReasonPhrase + ").";
            // The web cmdlets' exception type, found at run time: the module compiles without a reference to
            // Microsoft.PowerShell.Commands.Utility (always loaded in pwsh).
            var exception = (Exception)Activator.CreateInstance(OnFirstUse.HttpResponseExceptionType, text, message);
            var record = new ErrorRecord(exception,
                "WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand",
                HttpCategory(code), request);
            if (!string.IsNullOrEmpty(activity)) record.CategoryInfo.Activity = activity;
            string details = response.BodyLength > 0 ? ErrorDetailsText(response.Body, response.MediaType) : string.Empty;
            if (!string.IsNullOrEmpty(details)) record.ErrorDetails = new ErrorDetails(details);
            // No body (e.g. the portal's 302 to the sign-in page): the status line is the message, the advice the action.
            else if (!string.IsNullOrEmpty(response.Advice)) record.ErrorDetails = new ErrorDetails(text);
            if (!string.IsNullOrEmpty(response.Advice) && record.ErrorDetails != null)
            {
                record.ErrorDetails.RecommendedAction = response.Advice;
            }
            return record;
        }

        /// <summary><c>$_.ErrorDetails.Message</c> of an HTTP error as the running PowerShell's Invoke-RestMethod makes
        /// it from the body: PowerShell asked itself (its private <c>WebRequestPSCmdlet.FormatErrorMessage</c>, which
        /// 7.5 and later use to indent a JSON or XML body), else the body without HTML tags, as older versions do.</summary>
        public static string ErrorDetailsText(string body, string mediaType)
        {
            if (OnFirstUse.FormatErrorMessage != null)
            {
                try
                {
                    return (string)OnFirstUse.FormatErrorMessage.Invoke(null, new object[] { body, mediaType ?? string.Empty });
                }
                catch (TargetInvocationException)
                {
                    // Fall through to the older wording.
                }
            }
            return OnFirstUse.HtmlTag.Replace(body, string.Empty);
        }

        /// <summary>Wraps a native failure (a <see cref="CippException"/>) in an ErrorRecord with the library's message;
        /// the binding's own refusal of text the C ABI cannot carry (an <see cref="ArgumentException"/>) is
        /// InvalidArgument; anything else is CIPPAPI.Unexpected.</summary>
        public static ErrorRecord NativeErrorRecord(Exception exception, string activity)
        {
            Exception inner = Unwrap(exception);
            ErrorRecord record;
            if (inner is CippException native)
            {
                record = new ErrorRecord(inner, "CIPPAPI." + native.Status, NativeCategory(native.Status), null);
            }
            else if (inner is ArgumentException)
            {
                // Nothing was sent.
                record = new ErrorRecord(inner, "CIPPAPI.InvalidArgument", ErrorCategory.InvalidArgument, null);
            }
            else
            {
                record = new ErrorRecord(inner, "CIPPAPI.Unexpected", ErrorCategory.NotSpecified, null);
            }
            if (!string.IsNullOrEmpty(activity)) record.CategoryInfo.Activity = activity;
            if (inner is CippException withAdvice && !string.IsNullOrEmpty(withAdvice.Advice))
            {
                // The library's message stays the message; its fix (in PowerShell's terms) is the recommended action.
                record.ErrorDetails = new ErrorDetails(inner.Message) { RecommendedAction = withAdvice.Advice };
            }
            return record;
        }

        /// <summary>PowerShell error category of a native status.</summary>
        public static ErrorCategory NativeCategory(CippStatus status)
        {
            switch (status)
            {
                case CippStatus.NotConfigured: return ErrorCategory.InvalidOperation;
                case CippStatus.Authentication: return ErrorCategory.AuthenticationError;
                case CippStatus.Network: return ErrorCategory.ConnectionError;
                case CippStatus.Timeout: return ErrorCategory.OperationTimeout;
                case CippStatus.Cancelled: return ErrorCategory.OperationStopped;
                case CippStatus.TlsConfig:
                case CippStatus.Certificate:
                case CippStatus.InsecureUrl: return ErrorCategory.SecurityError;
                case CippStatus.InvalidResponse: return ErrorCategory.InvalidResult;
                case CippStatus.Refused: return ErrorCategory.PermissionDenied;
                case CippStatus.Panic: return ErrorCategory.NotSpecified;
                default: return ErrorCategory.InvalidArgument;
            }
        }

        /// <summary>PowerShell error category of an HTTP status code.</summary>
        public static ErrorCategory HttpCategory(int code)
        {
            switch (code)
            {
                case 400: return ErrorCategory.InvalidArgument;
                case 401: return ErrorCategory.AuthenticationError;
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 408: return ErrorCategory.OperationTimeout;
                case 409: return ErrorCategory.ResourceExists;
                case 429: return ErrorCategory.LimitsExceeded;
                case 504: return ErrorCategory.OperationTimeout;
            }
            return code >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidOperation;
        }

        /// <summary>
        /// Makes the next error record of <paramref name="cmdlet"/> point at the line outside the module that called
        /// into it: ThrowTerminatingError stamps the record with the cmdlet's own invocation, a line inside the module;
        /// moving that invocation's position to the first call-stack frame outside the module folder gives the error
        /// view, and <c>$_.InvocationInfo.ScriptLineNumber</c>, the user's line. Only on the error path.
        /// </summary>
        public static void PointAtCaller(PSCmdlet cmdlet)
        {
            if (OnFirstUse.ScriptPositionProperty == null) return;
            try
            {
                if (string.IsNullOrEmpty(ModuleRoot)) return;
                foreach (CallStackFrame frame in System.Management.Automation.Runspaces.Runspace.DefaultRunspace.Debugger.GetCallStack())
                {
                    if (IsModuleFile(frame.ScriptName)) continue;
                    if (frame.Position != null) OnFirstUse.ScriptPositionProperty.SetValue(cmdlet.MyInvocation, frame.Position);
                    return;
                }
            }
            catch (Exception e)
            {
                cmdlet.WriteVerbose("Could not point the error at the calling line: " + e.Message);
            }
        }

        /// <summary>The module folder (set by the loader): frames from files below it are the module's own.</summary>
        public static string ModuleRoot { get; set; }

        /// <summary>
        /// Whether a command was called from the module's own files (<paramref name="invocation"/>'s script is below
        /// <see cref="ModuleRoot"/>): the module sends the 1.2.12 requests on purpose, so the catalog's findings about
        /// them go to the verbose stream, while a user's own calls get them as warnings (Invoke-CIPPRestMethod,
        /// Invoke-CIPPForEachTenant).
        /// </summary>
        public static bool IsModuleCaller(InvocationInfo invocation) => IsModuleFile(invocation?.ScriptName);

        private static bool IsModuleFile(string file) =>
            !string.IsNullOrEmpty(file) && !string.IsNullOrEmpty(ModuleRoot) && file.StartsWith(ModuleRoot, StringComparison.Ordinal);

        private static Exception Unwrap(Exception e)
        {
            while (true)
            {
                if (e is AggregateException a && a.InnerExceptions.Count == 1) e = a.InnerException;
                else if ((e is MethodInvocationException || e is TargetInvocationException) && e.InnerException != null) e = e.InnerException;
                else return e;
            }
        }

        private static string Text(object value) =>
            value == null ? string.Empty : LanguagePrimitives.ConvertTo<string>(value);
    }
}

// The request of a generated command, built from its catalog entry: each generated function (Generated/Commands.ps1)
// carries its entry as one JSON string and calls CippCommandRequest.Build with its own $PSCmdlet; Build reads the
// function's parameters, evaluates the entry's expressions in the function's scope, asks ShouldProcess and returns
// the arguments for Invoke-CIPPRestMethod (or $null when declined).
//
// Why compiled: as PowerShell, each of the ~270 request bodies (a query and a body hashtable, conditions, the
// ShouldProcess guard) is parsed and compiled at every import; one call per function instead cut the packaged import
// by 11-26 % (BENCHMARKS.md, "Round 4"). The request itself stays with Invoke-CIPPRestMethod, called by the function.

using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CippApi
{
    /// <summary>
    /// Builds a generated command's request from its catalog entry (see the file comment for the entry's shape).
    /// </summary>
    public static class CippCommandRequest
    {
        // Parsed entries, keyed by the function's own string constant (the same instance on every call).
        private static readonly ConditionalWeakTable<string, Entry> Entries = new ConditionalWeakTable<string, Entry>();
        private static readonly Regex Variable = new Regex(@"^\$([A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant);
        private static readonly Regex Literal = new Regex(@"^'((?:[^']|'')*)'$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The arguments for <c>Invoke-CIPPRestMethod</c> (Endpoint, Method, and Params/Body when the entry has a
        /// query/body), or null when ShouldProcess declined.
        /// </summary>
        /// <param name="cmdlet">The generated function's $PSCmdlet: its scope holds the parameters.</param>
        /// <param name="entry">The catalog entry as JSON: Method, Endpoint, Query/QueryIf/Body/BodyIf (key to a
        /// PowerShell expression, or for the -If maps to {If, Value}) and, for commands that change something,
        /// Target (an expression) and Operation.</param>
        public static Hashtable Build(PSCmdlet cmdlet, string entry)
        {
            if (cmdlet == null) throw new ArgumentNullException(nameof(cmdlet));
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            Entry e = Entries.GetValue(entry, Entry.Parse);
            // The function's variables: $PSCmdlet.SessionState resolves from the module's scope, not the function's;
            // the engine's SessionState ($ExecutionContext.SessionState) resolves from the current one.
            SessionState scope = ((EngineIntrinsics)cmdlet.GetVariableValue("ExecutionContext")).SessionState;
            // As the PowerShell bodies did: the query, then the body, then the guard.
            var call = new Hashtable(4, StringComparer.OrdinalIgnoreCase)
            {
                ["Endpoint"] = e.Endpoint,
                ["Method"] = e.Method,
            };
            if (e.Query != null) call["Params"] = Map(scope, e.Query, e.QueryIf);
            if (e.Body != null) call["Body"] = Map(scope, e.Body, e.BodyIf);
            if (e.Operation != null)
            {
                // -WhatIf: the call goes ahead and Invoke-CIPPRestMethod prints the request; else ShouldProcess decides.
                bool whatIf = LanguagePrimitives.IsTrue(scope.PSVariable.GetValue("WhatIfPreference"));
                if (!whatIf)
                {
                    string target = LanguagePrimitives.ConvertTo<string>(e.Target.Evaluate(scope)) ?? "";
                    if (!ShouldProcess(cmdlet, target, e.Operation)) return null;
                }
            }
            return call;
        }

        /// <summary>
        /// <c>$PSCmdlet.ShouldProcess(target, operation)</c>, except that when the confirmation prompt cannot be shown (a
        /// non-interactive pwsh, a host without a UI) the command stops with its own terminating error at the caller's
        /// line that names the fix (-Confirm:$false or -WhatIf), instead of an "Exception calling ..." wrapper.
        /// </summary>
        public static bool ShouldProcess(PSCmdlet cmdlet, string target, string operation)
        {
            if (cmdlet == null) throw new ArgumentNullException(nameof(cmdlet));
            try
            {
                return cmdlet.ShouldProcess(target, operation);
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is System.Management.Automation.Host.HostException)
            {
                string name = cmdlet.MyInvocation.MyCommand?.Name ?? "The command";
                var reason = new PSInvalidOperationException(
                    $"{name} asks for confirmation before '{operation}' on '{target}', and this PowerShell cannot prompt ({e.Message}) " +
                    "Add -Confirm:$false to make the change without asking, or -WhatIf to see the request without sending it.", e);
                cmdlet.ThrowTerminatingError(new ErrorRecord(reason, "CIPPAPI.ConfirmNonInteractive", ErrorCategory.InvalidOperation, target));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        // A hashtable as the literal `@{ k = v; ... }` makes it (same comparer and capacity, keys in the entry's order),
        // then the conditional keys set one by one.
        private static Hashtable Map(SessionState scope, KeyValuePair<string, Value>[] fixedKeys, Conditional[] conditional)
        {
            var map = new Hashtable(fixedKeys.Length, StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, Value> kv in fixedKeys) map[kv.Key] = kv.Value.Evaluate(scope);
            foreach (Conditional c in conditional)
            {
                object condition = c.If.Evaluate(scope);
                if (!LanguagePrimitives.IsTrue(condition)) continue;
                map[c.Key] = ReferenceEquals(c.If, c.Value) ? condition : c.Value.Evaluate(scope);
            }
            return map;
        }

        private sealed class Conditional
        {
            public string Key;
            public Value If;
            public Value Value;
        }

        /// <summary>One catalog expression: a parameter, a constant, or PowerShell evaluated in the function's scope.</summary>
        private sealed class Value
        {
            private string _variable;
            private object _constant;
            private string _script;

            public static Value Parse(string text)
            {
                string t = text.Trim();
                Match m = Variable.Match(t);
                if (m.Success)
                {
                    string name = m.Groups[1].Value;
                    if (name.Equals("true", StringComparison.OrdinalIgnoreCase)) return new Value { _constant = true };
                    if (name.Equals("false", StringComparison.OrdinalIgnoreCase)) return new Value { _constant = false };
                    if (name.Equals("null", StringComparison.OrdinalIgnoreCase)) return new Value();
                    return new Value { _variable = name };
                }
                m = Literal.Match(t);
                if (m.Success) return new Value { _constant = m.Groups[1].Value.Replace("''", "'") };
                // `,(...)`: the value comes back as one object, as the hashtable literal would hold it (an array stays
                // an array, nothing is $null).
                return new Value { _script = ",(" + t + ")" };
            }

            public object Evaluate(SessionState scope)
            {
                if (_variable != null) return scope.PSVariable.GetValue(_variable);
                if (_script == null) return _constant;
                // ScriptBlock.Create hits PowerShell's cache of compiled scripts and gives an unbound copy: it runs in
                // a child of the function's scope (its parameters, $PSBoundParameters, the module's helpers).
                // InvokeReturnAsIs keeps the one object `,(...)` writes as it is (InvokeScript would unroll it).
                object value = ScriptBlock.Create(_script).InvokeReturnAsIs();
                if (value == null || ReferenceEquals(value, System.Management.Automation.Internal.AutomationNull.Value)) return null;
                return value is PSObject o && !(o.BaseObject is PSCustomObject) ? o.BaseObject : value;
            }
        }

        private sealed class Entry
        {
            public string Method;
            public string Endpoint;
            public KeyValuePair<string, Value>[] Query;
            public Conditional[] QueryIf;
            public KeyValuePair<string, Value>[] Body;
            public Conditional[] BodyIf;
            public Value Target;
            public string Operation;

            public static Entry Parse(string json)
            {
                using (JsonDocument doc = JsonDocument.Parse(json))
                {
                    JsonElement root = doc.RootElement;
                    var e = new Entry
                    {
                        Method = Text(root, "Method") ?? "GET",
                        Endpoint = Text(root, "Endpoint") ?? throw Invalid(json, "no Endpoint"),
                        Operation = Text(root, "Operation"),
                    };
                    bool hasQuery = root.TryGetProperty("Query", out _) || root.TryGetProperty("QueryIf", out _);
                    bool hasBody = root.TryGetProperty("Body", out _) || root.TryGetProperty("BodyIf", out _);
                    if (hasQuery)
                    {
                        e.Query = Fixed(root, "Query");
                        e.QueryIf = Conditionals(root, "QueryIf", json);
                    }
                    if (hasBody)
                    {
                        e.Body = Fixed(root, "Body");
                        e.BodyIf = Conditionals(root, "BodyIf", json);
                    }
                    if (e.Operation != null)
                    {
                        e.Target = Value.Parse(Text(root, "Target") ?? throw Invalid(json, "an Operation without a Target"));
                    }
                    return e;
                }
            }

            private static string Text(JsonElement root, string name) =>
                root.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

            private static KeyValuePair<string, Value>[] Fixed(JsonElement root, string name)
            {
                var list = new List<KeyValuePair<string, Value>>();
                if (root.TryGetProperty(name, out JsonElement map))
                {
                    foreach (JsonProperty p in map.EnumerateObject())
                    {
                        list.Add(new KeyValuePair<string, Value>(p.Name, Value.Parse(p.Value.GetString())));
                    }
                }
                return list.ToArray();
            }

            private static Conditional[] Conditionals(JsonElement root, string name, string json)
            {
                var list = new List<Conditional>();
                if (root.TryGetProperty(name, out JsonElement map))
                {
                    foreach (JsonProperty p in map.EnumerateObject())
                    {
                        var c = new Conditional { Key = p.Name };
                        if (p.Value.ValueKind == JsonValueKind.String)
                        {
                            // One expression: the condition and the value sent.
                            c.If = c.Value = Value.Parse(p.Value.GetString());
                        }
                        else
                        {
                            c.If = Value.Parse(Text(p.Value, "If") ?? throw Invalid(json, $"{name}.{p.Name} has no If"));
                            c.Value = Value.Parse(Text(p.Value, "Value") ?? throw Invalid(json, $"{name}.{p.Name} has no Value"));
                        }
                        list.Add(c);
                    }
                }
                return list.ToArray();
            }

            private static ArgumentException Invalid(string json, string why) =>
                new ArgumentException($"CIPPAPIModule: a generated command's catalog entry is invalid ({why}): {json}. " +
                    "Regenerate the commands with powershell/tools/Build-Commands.ps1.");
        }
    }
}

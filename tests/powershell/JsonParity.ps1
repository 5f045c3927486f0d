# Shared by Json.Tests.ps1 and Streaming.Tests.ps1 (dot-sourced; Json.Tests.ps1 also runs it in child processes):
# the deep comparison [CippJsonParity]::Diff, New-CippTestResponse, Compare-CippJson, New-CippDateCorpus and
# New-CippRandomJson.
if (-not ('CippJsonParity' -as [type])) {
    Add-Type -TypeDefinition @"
using System;
using System.Collections.Generic;
using System.Management.Automation;

public static class CippJsonParity
{
    // Differences between what ConvertFrom-Json built (expected) and what CippJson built, at most limit of them.
    public static string[] Diff(object expected, object actual, int limit)
    {
        var diffs = new List<string>();
        Walk(expected, actual, "`$", diffs, limit);
        return diffs.ToArray();
    }

    private static void Walk(object e, object a, string path, List<string> diffs, int limit)
    {
        if (diffs.Count >= limit) return;
        if (e == null || a == null)
        {
            if (e != null || a != null) diffs.Add(path + ": expected " + Show(e) + ", got " + Show(a));
            return;
        }
        if (e.GetType() != a.GetType())
        {
            diffs.Add(path + ": expected " + e.GetType().FullName + " " + Show(e) + ", got " + a.GetType().FullName + " " + Show(a));
            return;
        }
        if (e is PSObject pe)
        {
            var pa = (PSObject)a;
            // A cmdlet's output (Invoke-RestMethod's, ConvertFrom-Json's, the module's) wraps each row in a PSObject:
            // compare what is inside when neither is a PSCustomObject.
            if (!(pe.BaseObject is PSCustomObject) && !(pa.BaseObject is PSCustomObject))
            {
                Walk(pe.BaseObject, pa.BaseObject, path, diffs, limit);
                return;
            }
            if (pe.BaseObject.GetType() != pa.BaseObject.GetType() || !(pe.BaseObject is PSCustomObject))
            {
                diffs.Add(path + ": base objects " + pe.BaseObject.GetType() + " and " + pa.BaseObject.GetType());
                return;
            }
            string te = string.Join(",", pe.TypeNames), ta = string.Join(",", pa.TypeNames);
            if (te != ta) diffs.Add(path + ": type names " + te + " and " + ta);
            var le = new List<PSPropertyInfo>(pe.Properties);
            var la = new List<PSPropertyInfo>(pa.Properties);
            var ne = new List<string>();
            foreach (var p in le) ne.Add(p.Name + ":" + p.GetType().Name + ":" + p.IsInstance + ":" + p.IsSettable);
            var na = new List<string>();
            foreach (var p in la) na.Add(p.Name + ":" + p.GetType().Name + ":" + p.IsInstance + ":" + p.IsSettable);
            if (string.Join("|", ne) != string.Join("|", na))
            {
                diffs.Add(path + ": properties [" + string.Join("|", ne) + "] and [" + string.Join("|", na) + "]");
                return;
            }
            for (int i = 0; i < le.Count; i++) Walk(le[i].Value, la[i].Value, path + "." + le[i].Name, diffs, limit);
            return;
        }
        if (e is object[] ae)
        {
            var aa = (object[])a;
            if (ae.Length != aa.Length) { diffs.Add(path + ": lengths " + ae.Length + " and " + aa.Length); return; }
            for (int i = 0; i < ae.Length; i++) Walk(ae[i], aa[i], path + "[" + i + "]", diffs, limit);
            return;
        }
        bool same;
        if (e is DateTime de) { var da = (DateTime)a; same = de.Ticks == da.Ticks && de.Kind == da.Kind; }
        else if (e is double fe) same = BitConverter.DoubleToInt64Bits(fe) == BitConverter.DoubleToInt64Bits((double)a);
        else if (e is string se) same = string.Equals(se, (string)a, StringComparison.Ordinal);
        else if (e is bool || e is long || e is System.Numerics.BigInteger) same = e.Equals(a);
        else { diffs.Add(path + ": unexpected type " + e.GetType().FullName); return; }
        if (!same) diffs.Add(path + ": expected " + Show(e) + ", got " + Show(a));
    }

    private static string Show(object v)
    {
        if (v == null) return "null";
        if (v is DateTime d) return "DateTime " + d.ToString("o") + " " + d.Kind + " ticks " + d.Ticks;
        if (v is double f) return "Double " + f.ToString("R");
        return v.GetType().Name + " '" + v + "'";
    }
}
"@
}

# A CippResponse holding these bytes (or the UTF-8 of this text) as its body, made through the binding's internal
# constructor: CippJson's one entry point takes a response, as the module calls it.
function New-CippTestResponse {
    param($Body)
    $bytes = if ($Body -is [byte[]]) { $Body } else { [System.Text.Encoding]::UTF8.GetBytes([string]$Body) }
    $ctor = [CippApi.CippResponse].GetConstructors([System.Reflection.BindingFlags]'NonPublic, Instance')[0]
    $ctor.Invoke(@([int]200, 'application/json', '', '', [byte[]]$bytes, '', '', ''))
}

# ConvertFrom-Json and CippJson on the same text. Result: Took (CippJson converted it), Expected (ConvertFrom-Json's
# value), ExpectedError (its error id, when it failed), Diffs (when CippJson converted it).
function Compare-CippJson {
    param([string]$Json)
    $expected = $null
    $expectedError = $null
    try {
        $expected = ConvertFrom-Json -InputObject $Json -NoEnumerate -ErrorAction Stop
    } catch {
        $expectedError = $_.FullyQualifiedErrorId
    }
    $actual = $null
    $took = [CippApi.CippJson]::TryConvertFromJson((New-CippTestResponse $Json), [ref]$actual)
    $diffs = @()
    if ($took) {
        if ($expectedError) { $diffs = @("ConvertFrom-Json failed ($expectedError) but CippJson converted the text") }
        else { $diffs = [CippJsonParity]::Diff($expected, $actual, 10) }
    } elseif ($null -ne $actual) {
        $diffs = @('CippJson declined but set a result')
    }
    [pscustomobject]@{ Took = $took; Expected = $expected; ExpectedError = $expectedError; Actual = $actual; Diffs = $diffs }
}

# Seeded corpus of date-like strings: templates around Newtonsoft's ISO grammar and its quirks, random mutations of
# them and random calendar values, as one JSON array of strings.
function New-CippDateCorpus {
    param([int]$Seed = 7, [int]$Mutations = 6000, [int]$Random = 3000)
    $rng = [System.Random]::new($Seed)
    $bases = '2026-08-07T14:03:11', '0001-01-01T00:00:00', '9999-12-31T23:59:59', '2024-02-29T23:59:59',
        '2026-03-08T02:30:00', '2026-11-01T01:30:00', '2026-03-29T02:30:00', '2026-10-25T02:30:00', '1970-01-01T00:00:00',
        '2026-08-07T24:00:00', '2026-04-05T02:30:00', '2026-09-27T02:30:00'
    $fracs = '', '.', '.1', '.12', '.123', '.1234567', '.12345678', '.123456789', '.0000000', '.9999999', '.99999999', '.x', '.1x'
    $zones = '', 'Z', 'z', '+00:00', '-00:00', '+05:30', '-05:00', '+0530', '+05', '-05', '+05:', '+5', '+05:3', '+99:99',
        '-99:99', '+14:00', '-12:00', '+13:45', '-03:30', ':30', '12', '1', 'ZZ', ' ', '+05:30Z', 'X', '+ab', '-01:00x', ':',
        '+05:30:00'
    $list = [System.Collections.Generic.List[string]]::new()
    foreach ($b in $bases) { foreach ($f in $fracs) { foreach ($z in $zones) { $list.Add("$b$f$z") } } }
    $chars = '0123456789-T:.+Zz t/'
    for ($i = 0; $i -lt $Mutations; $i++) {
        $s = [System.Text.StringBuilder]::new($bases[$rng.Next($bases.Count)] + $fracs[$rng.Next($fracs.Count)] + $zones[$rng.Next($zones.Count)])
        for ($k = $rng.Next(1, 4); $k -gt 0; $k--) {
            $at = $rng.Next($s.Length + 1)
            $op = $rng.NextDouble()
            $c = $chars[$rng.Next($chars.Length)]
            if ($op -lt 0.4 -and $at -lt $s.Length) { $s[$at] = $c }
            elseif ($op -lt 0.7) { $null = $s.Insert($at, $c) }
            elseif ($at -lt $s.Length) { $null = $s.Remove($at, 1) }
        }
        $list.Add($s.ToString())
    }
    for ($i = 0; $i -lt $Random; $i++) {
        $text = '{0:D4}-{1:D2}-{2:D2}T{3:D2}:{4:D2}:{5:D2}' -f $rng.Next(1, 10000), $rng.Next(1, 13), $rng.Next(1, 32),
            $rng.Next(0, 25), $rng.Next(0, 60), $rng.Next(0, 60)
        $list.Add($text + $fracs[$rng.Next(10)] + $zones[$rng.Next(19)])
    }
    ConvertTo-Json -InputObject $list.ToArray() -Compress
}

# Random documents: nested objects and arrays of every value kind, escapes, non-ASCII, dates, numbers.
function New-CippRandomJson {
    param([System.Random]$Rng, [int]$Depth = 0)
    $pick = $Rng.Next($(if ($Depth -ge 5) { 6 } else { 9 }))
    $strings = '', 'a', 'Info', '2026-08-07T14:03:11.5234567+00:00', '2026-08-07T14:03:11Z', '2026-08-07T14:03:11',
        '2026-08-07', 'caf\u00e9', '\ud83d\ude00 emoji', 'tab\there', 'quote\" and \\ backslash \/ slash', 'line\nbreak',
        "raw ünïcödé 日本語 😀", '\u0000nul', '\u2028\u2029', 'user@contoso.onmicrosoft.com'
    switch ($pick) {
        0 { return '"' + $strings[$Rng.Next($strings.Count)] + '"' }
        1 { return [string]$Rng.Next(-1000, 1000) }
        2 { return ([long]$Rng.Next() * [long]$Rng.Next() * ($(if ($Rng.Next(2)) { 1 } else { -1 }))).ToString() }
        3 { return ('0', '-0', '1.5', '-0.0', '1e3', '2.5E-3', '9223372036854775807', '9223372036854775808', '-9223372036854775809',
                '1e400', '123456789012345678901234567890', '0.1', '3.141592653589793')[$Rng.Next(13)] }
        4 { return ('true', 'false', 'null')[$Rng.Next(3)] }
        5 { return '"' + $strings[$Rng.Next($strings.Count)] + '"' }
        { $_ -in 6, 7 } {
            $n = $Rng.Next(0, 6)
            $names = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
            $parts = for ($i = 0; $i -lt $n; $i++) {
                $name = ('id', 'displayName', 'LogData', 'Tenant', 'x', 'DateTime', 'nested', 'values', '$type', 'a b',
                    'caf\u00e9', '日本', 'Zz', 'emptyObject', 'count')[$Rng.Next(15)]
                if (-not $names.Add($name.Replace('\u00e9', 'é'))) { continue }
                '"' + $name + '"' + (' ', '', "`n  ")[$Rng.Next(3)] + ':' + (New-CippRandomJson -Rng $Rng -Depth ($Depth + 1))
            }
            return '{' + (@($parts) -join ', ') + '}'
        }
        default {
            $n = $Rng.Next(0, 6)
            $parts = for ($i = 0; $i -lt $n; $i++) { New-CippRandomJson -Rng $Rng -Depth ($Depth + 1) }
            return '[' + (@($parts) -join ",`r`n ") + ']'
        }
    }
}

# Helpers of Invoke-CIPPForEachTenant: tag each result with its tenant, and point error records at the tenant.

function Add-CIPPTenantProperty {
    <#
    .SYNOPSIS
    Adds a CIPPTenant note property to each pipeline object (wrapping values that are not objects).

    .DESCRIPTION
    PSCustomObjects (what ConvertFrom-Json makes of JSON objects) get the property in place. Anything else
    (strings, numbers, booleans, dates, nested arrays, $null) is written as
    [pscustomobject]@{ CIPPTenant = <tenant>; Value = <item> }, because a note property on a string or number is
    lost as soon as the value is copied.
    #>
    param([string]$Tenant)
    process {
        $item = $_
        if ($item -is [System.Management.Automation.PSCustomObject] -and
            $item.PSObject.BaseObject -is [System.Management.Automation.PSCustomObject]) {
            $existing = $item.PSObject.Properties['CIPPTenant']
            if ($null -ne $existing) {
                # The answer has its own CIPPTenant field: ours wins (it names the tenant that was called).
                $item.PSObject.Properties.Remove('CIPPTenant')
            }
            $item.PSObject.Properties.Add([System.Management.Automation.PSNoteProperty]::new('CIPPTenant', $Tenant))
            $item
        } else {
            [pscustomobject]@{ CIPPTenant = $Tenant; Value = $item }
        }
    }
}

function Set-CIPPTenantErrorTarget {
    <#
    .SYNOPSIS
    A copy of an error record whose TargetObject is the tenant and whose message names it.

    .DESCRIPTION
    ErrorRecord.TargetObject is read-only, so the record is rebuilt from its exception, id and category. The
    error details message becomes "<tenant>: <Message>" (the server's answer or the native message) so the
    default error view says which tenant failed; the library's advice is kept as RecommendedAction.
    #>
    param(
        [System.Management.Automation.ErrorRecord]$Record,
        [string]$Tenant,
        [string]$Message
    )
    $copy = [System.Management.Automation.ErrorRecord]::new(
        $Record.Exception, $Record.FullyQualifiedErrorId, $Record.CategoryInfo.Category, $Tenant)
    $copy.CategoryInfo.Activity = $Record.CategoryInfo.Activity
    $text = if ([string]::IsNullOrWhiteSpace($Message)) { $Record.Exception.Message } else { $Message.Trim() }
    $copy.ErrorDetails = [System.Management.Automation.ErrorDetails]::new("${Tenant}: $text")
    if ($Record.ErrorDetails -and $Record.ErrorDetails.RecommendedAction) {
        $copy.ErrorDetails.RecommendedAction = $Record.ErrorDetails.RecommendedAction
    }
    $copy
}

function Get-CIPPTenantRequest {
    <#
    .SYNOPSIS
    One tenant's query pairs and body as the native batch builds them, for -WhatIf previews only.

    .DESCRIPTION
    Query mode: the tenant pair first, then the other pairs without any key equal to the tenant key
    (case-insensitive). Body mode: the JSON object without that key plus the tenant, keys in the order the core's
    JSON map writes them (ordinal, nested objects too). Returns the query pairs, then the body text.
    #>
    param($Query, [string]$Json, [string]$TenantKey, [string]$TenantIn, [string]$Tenant)
    $pairs = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, string]]]::new()
    if ($TenantIn -eq 'Body') {
        foreach ($pair in $Query) { $pairs.Add($pair) }
        $doc = [System.Text.Json.JsonDocument]::Parse($Json)
        try {
            if ([string]$doc.RootElement.ValueKind -ne 'Object') { , $pairs; $Json; return }
            $stream = [System.IO.MemoryStream]::new()
            $options = [System.Text.Json.JsonWriterOptions]::new()
            $options.Encoder = [System.Text.Encodings.Web.JavaScriptEncoder]::UnsafeRelaxedJsonEscaping
            $writer = [System.Text.Json.Utf8JsonWriter]::new($stream, $options)
            Write-CIPPSortedJson -Writer $writer -Element $doc.RootElement -AddKey $TenantKey -AddValue $Tenant
            $writer.Flush()
            $body = [System.Text.Encoding]::UTF8.GetString($stream.ToArray())
        } finally { $doc.Dispose() }
        , $pairs
        $body
        return
    }
    $pairs.Add([System.Collections.Generic.KeyValuePair[string, string]]::new($TenantKey, $Tenant))
    foreach ($pair in $Query) {
        if (-not $pair.Key.Equals($TenantKey, [System.StringComparison]::OrdinalIgnoreCase)) { $pairs.Add($pair) }
    }
    , $pairs
    $Json
}

function Write-CIPPSortedJson {
    # A JSON element with object keys in ordinal order; -AddKey replaces that key (case-insensitively) at the top.
    param($Writer, [System.Text.Json.JsonElement]$Element, [string]$AddKey, [string]$AddValue)
    switch ([string]$Element.ValueKind) {
        'Object' {
            $props = [System.Collections.Generic.SortedDictionary[string, object]]::new([System.StringComparer]::Ordinal)
            foreach ($p in $Element.EnumerateObject()) {
                if ($AddKey -and $p.Name.Equals($AddKey, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
                $props[$p.Name] = $p.Value
            }
            if ($AddKey) { $props[$AddKey] = $AddValue }
            $Writer.WriteStartObject()
            foreach ($kv in $props.GetEnumerator()) {
                $Writer.WritePropertyName($kv.Key)
                if ($kv.Value -is [string]) { $Writer.WriteStringValue($kv.Value) }
                else { Write-CIPPSortedJson -Writer $Writer -Element $kv.Value }
            }
            $Writer.WriteEndObject()
        }
        'Array' {
            $Writer.WriteStartArray()
            foreach ($e in $Element.EnumerateArray()) { Write-CIPPSortedJson -Writer $Writer -Element $e }
            $Writer.WriteEndArray()
        }
        default { $Element.WriteTo($Writer) }
    }
}

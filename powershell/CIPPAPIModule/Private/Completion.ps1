# Tab completion for the module's commands, registered once at import (Register-ArgumentCompleter is cheap; all
# work happens on the first TAB): endpoint names, -Params/-Body snippets with the chosen endpoint's parameter
# names, and tenant names from a short-lived cache of ListTenants. Completers never throw, never write errors and
# never call the API when Set-CIPPAPIDetails has not been run.
#
# PowerShell 7 does not ask argument completers for keys inside a hashtable literal (@{ te<TAB> } only completes
# properties of a parameter's class type, and -Params/-Body are [hashtable] for 1.2.12 compatibility), so
# -Params/-Body complete whole hashtable snippets at the argument position instead: `-Params <TAB>` offers
# @{ tenantFilter = '' } and friends.

# Seconds a fetched tenant list is reused, and how long a failed fetch suppresses new attempts.
$script:CIPPTenantCompletionTtlSeconds = 120
$script:CIPPTenantCompletionRetrySeconds = 30
$script:CIPPTenantCompletion = $null

# The endpoint catalog (CippApi.CippEndpoint[]), read on first use (Get-CIPPEndpoint, endpoint completion).
$script:CIPPEndpointCatalog = $null
$script:CIPPEndpointByName = $null

# $script:CIPPCustomerTenantCommands (commands with -CustomerTenantID) is generated from the command catalog into
# Generated/CompletionCommands.ps1, which the loader dot-sources before this file.

#region endpoint catalog

function Get-CIPPEndpointCatalog {
    <#
    .SYNOPSIS
    The native endpoint catalog as CippApi.CippEndpoint objects (immutable), read once per module instance.
    #>
    if ($null -eq $script:CIPPEndpointCatalog) {
        $entries = [CippApi.CippCatalog]::Endpoints()
        $byName = [System.Collections.Generic.Dictionary[string, CippApi.CippEndpoint]]::new($entries.Length, [System.StringComparer]::OrdinalIgnoreCase)
        foreach ($entry in $entries) { $byName[$entry.Name] = $entry }
        $script:CIPPEndpointByName = $byName
        $script:CIPPEndpointCatalog = $entries
    }
    , $script:CIPPEndpointCatalog
}

function ConvertTo-CIPPEndpointName {
    # '/api/ListUsers', 'api/ListUsers?x=1', 'ListUsers' -> 'ListUsers'.
    param([string]$Endpoint)
    if ([string]::IsNullOrWhiteSpace($Endpoint)) { return '' }
    $name = $Endpoint.Trim()
    $cut = $name.IndexOfAny([char[]]'?#')
    if ($cut -ge 0) { $name = $name.Substring(0, $cut) }
    $name = $name.TrimStart('/')
    if ($name.StartsWith('api/', [System.StringComparison]::OrdinalIgnoreCase)) { $name = $name.Substring(4) }
    $name.Trim('/')
}

function Find-CIPPEndpoint {
    # One catalog entry by endpoint path or name (case-insensitive), or $null.
    param([string]$Endpoint)
    $name = ConvertTo-CIPPEndpointName $Endpoint
    if (-not $name) { return $null }
    $null = Get-CIPPEndpointCatalog
    $entry = $null
    if ($script:CIPPEndpointByName.TryGetValue($name, [ref]$entry)) { return $entry }
    $null
}

#endregion

#region completion helpers

function Split-CIPPCompletionWord {
    # The word being completed without its opening quote (and closing one, if typed), plus that quote.
    param([string]$Word)
    $quote = ''
    if ($Word.Length -gt 0 -and ($Word[0] -eq "'" -or $Word[0] -eq '"')) {
        $quote = [string]$Word[0]
        $Word = $Word.Substring(1)
        if ($Word.EndsWith($quote)) { $Word = $Word.Substring(0, $Word.Length - 1) }
    }
    $Word
    $quote
}

function New-CIPPCompletionResult {
    # A ParameterValue completion; the text is quoted with the user's quote, or single-quoted when needed.
    param([string]$Value, [string]$ListItem, [string]$ToolTip, [string]$Quote)
    $text = $Value
    if ($Quote -eq '"') {
        $text = '"' + $Value.Replace('`', '``').Replace('$', '`$').Replace('"', '`"') + '"'
    } elseif ($Quote -eq "'" -or $Value -match '[\s$`''"@{}();,|&<>#]') {
        $text = "'" + $Value.Replace("'", "''") + "'"
    }
    if (-not $ListItem) { $ListItem = $Value }
    if (-not $ToolTip) { $ToolTip = $Value }
    [System.Management.Automation.CompletionResult]::new($text, $ListItem, 'ParameterValue', $ToolTip)
}

function Get-CIPPEndpointToolTip {
    param($Entry)
    $params = foreach ($n in @($Entry.QueryParameters) + @($Entry.BodyParameters)) {
        if ($Entry.RequiredParameters -contains $n) { "$n*" } else { $n }
    }
    $text = "$($Entry.Method) /api/$($Entry.Name)  role $($Entry.Role)"
    if ($params) { $text += "`nparameters: " + (@($params | Select-Object -Unique) -join ', ') + '  (* = required)' }
    $text
}

function Select-CIPPEndpointMatch {
    # Catalog entries whose name starts with the word; when none does, entries whose name contains it.
    # A word with wildcards is used as a pattern.
    param([string]$Word)
    $catalog = Get-CIPPEndpointCatalog
    if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($Word)) {
        $pattern = [System.Management.Automation.WildcardPattern]::Get($Word, 'IgnoreCase')
        return $catalog.Where({ $pattern.IsMatch($_.Name) })
    }
    $prefix = $catalog.Where({ $_.Name.StartsWith($Word, [System.StringComparison]::OrdinalIgnoreCase) })
    if ($prefix.Count -gt 0 -or -not $Word) { return $prefix }
    $catalog.Where({ $_.Name.IndexOf($Word, [System.StringComparison]::OrdinalIgnoreCase) -ge 0 })
}

function Get-CIPPCompletionTenant {
    <#
    .SYNOPSIS
    Tenants for completion: ListTenants through this module instance's client, cached for a short time.

    .DESCRIPTION
    Returns nothing (and calls nothing) when Set-CIPPAPIDetails has not been run. The cache belongs to the client,
    so new details fetch a fresh list. A failed fetch returns nothing and is not retried for a few seconds.
    #>
    $client = $script:CIPPClient
    if ($null -eq $client -or $client.IsDisposed) { return }
    $now = [datetime]::UtcNow
    $cache = $script:CIPPTenantCompletion
    if ($null -ne $cache -and [object]::ReferenceEquals($cache.Client, $client) -and $now -lt $cache.Expires) {
        return $cache.Tenants
    }
    $tenants = @()
    $ttl = $script:CIPPTenantCompletionRetrySeconds
    try {
        $response = $client.InvokeRestMethod('GET', '/api/ListTenants', $null, '{}', [NullString]::Value)
        if ($response.IsSuccessStatusCode -and $response.IsJson -and $response.Body.Length -gt 0) {
            $parsed = ConvertFrom-Json -InputObject $response.Body -NoEnumerate -ErrorAction Stop
            $tenants = @(foreach ($t in $parsed) {
                    $domain = [string]$t.defaultDomainName
                    if ($domain) {
                        [pscustomobject]@{ Domain = $domain; DisplayName = [string]$t.displayName; Id = [string]$t.customerId }
                    }
                })
            $ttl = $script:CIPPTenantCompletionTtlSeconds
        }
    } catch {
        $tenants = @()
    }
    $script:CIPPTenantCompletion = @{ Client = $client; Expires = $now.AddSeconds($ttl); Tenants = $tenants }
    $tenants
}

#endregion

#region completers

$script:CIPPEndpointCompleter = {
    param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
    try {
        $word, $quote = Split-CIPPCompletionWord $wordToComplete
        $bare = $parameterName -eq 'Name'   # Get-CIPPEndpoint -Name takes bare names
        $name = if ($bare) { $word } else { ConvertTo-CIPPEndpointName $word }
        foreach ($entry in (Select-CIPPEndpointMatch $name)) {
            $value = if ($bare) { $entry.Name } else { "/api/$($entry.Name)" }
            New-CIPPCompletionResult -Value $value -ListItem $entry.Name -ToolTip (Get-CIPPEndpointToolTip $entry) -Quote $quote
        }
    } catch {
        # Completion must never fail visibly.
    }
}

$script:CIPPParameterSnippetCompleter = {
    param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
    try {
        $entry = Find-CIPPEndpoint ([string]$fakeBoundParameters['Endpoint'])
        if ($null -eq $entry) { return }
        $inBody = $parameterName -eq 'Body'
        $names = if ($inBody) { @($entry.BodyParameters) } else { @($entry.QueryParameters) }
        if ($commandName -eq 'Invoke-CIPPForEachTenant') {
            # The tenant key is filled in per tenant; leave it out where it goes.
            $tenantKey = if ($fakeBoundParameters['TenantParameterName']) { [string]$fakeBoundParameters['TenantParameterName'] } else { 'tenantFilter' }
            $tenantInBody = [string]$fakeBoundParameters['TenantIn'] -eq 'Body'
            if ($tenantInBody -eq $inBody) { $names = @($names | Where-Object { $_ -ne $tenantKey }) }
        }
        if ($names.Count -eq 0) { return }
        $word = (Split-CIPPCompletionWord $wordToComplete)[0]
        $required = @($names | Where-Object { $entry.RequiredParameters -contains $_ })
        $format = {
            param([string[]]$Keys)
            $pairs = foreach ($k in $Keys) {
                $key = if ($k -match '^[A-Za-z_][A-Za-z0-9_]*$') { $k } else { "'" + $k.Replace("'", "''") + "'" }
                "$key = ''"
            }
            '@{ ' + ($pairs -join '; ') + ' }'
        }
        $where = if ($inBody) { 'body' } else { 'query' }
        if (-not $word) {
            if ($required.Count -gt 0 -and $required.Count -lt $names.Count) {
                $text = & $format $required
                [System.Management.Automation.CompletionResult]::new($text, "@{ required: $($required -join ', ') }", 'ParameterValue',
                    "The required $where parameters of $($entry.Name): $text")
            }
            if ($names.Count -gt 0) {
                $text = & $format $names
                [System.Management.Automation.CompletionResult]::new($text, "@{ all $($names.Count) $where parameters }", 'ParameterValue',
                    "Every $where parameter of $($entry.Name): $text")
            }
        }
        if ($names.Count -gt 1 -or $word) {
            foreach ($n in $names) {
                if ($word -and -not $n.StartsWith($word, [System.StringComparison]::OrdinalIgnoreCase)) { continue }
                $text = & $format @($n)
                $flag = if ($required -contains $n) { ' (required)' } else { '' }
                [System.Management.Automation.CompletionResult]::new($text, "$n$flag", 'ParameterValue',
                    "$where parameter '$n' of $($entry.Name)$flag")
            }
        }
    } catch {
        # Completion must never fail visibly.
    }
}

$script:CIPPTenantCompleter = {
    param($commandName, $parameterName, $wordToComplete, $commandAst, $fakeBoundParameters)
    try {
        $tenants = Get-CIPPCompletionTenant
        if (-not $tenants) { return }
        $word, $quote = Split-CIPPCompletionWord $wordToComplete
        $pattern = if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($word)) {
            [System.Management.Automation.WildcardPattern]::Get($word, 'IgnoreCase')
        }
        $first = [System.Collections.Generic.List[object]]::new()
        $later = [System.Collections.Generic.List[object]]::new()
        foreach ($t in $tenants) {
            if ($pattern) {
                if ($pattern.IsMatch($t.Domain) -or $pattern.IsMatch($t.DisplayName)) { $first.Add($t) }
            } elseif (-not $word -or $t.Domain.StartsWith($word, [System.StringComparison]::OrdinalIgnoreCase) -or
                $t.DisplayName.StartsWith($word, [System.StringComparison]::OrdinalIgnoreCase) -or
                $t.Id.StartsWith($word, [System.StringComparison]::OrdinalIgnoreCase)) {
                $first.Add($t)
            } elseif ($t.Domain.IndexOf($word, [System.StringComparison]::OrdinalIgnoreCase) -ge 0 -or
                $t.DisplayName.IndexOf($word, [System.StringComparison]::OrdinalIgnoreCase) -ge 0) {
                $later.Add($t)
            }
        }
        foreach ($t in @($first) + @($later)) {
            $tip = if ($t.DisplayName) { "$($t.DisplayName) ($($t.Domain))" } else { $t.Domain }
            if ($t.Id) { $tip += "`n$($t.Id)" }
            New-CIPPCompletionResult -Value $t.Domain -ListItem $t.Domain -ToolTip $tip -Quote $quote
        }
    } catch {
        # Completion must never fail visibly.
    }
}

#endregion

# Registration (once per import; re-importing replaces these entries with the new module instance's).
Register-ArgumentCompleter -CommandName 'Invoke-CIPPRestMethod', 'Invoke-CIPPForEachTenant' -ParameterName Endpoint -ScriptBlock $script:CIPPEndpointCompleter
Register-ArgumentCompleter -CommandName 'Get-CIPPEndpoint' -ParameterName Name -ScriptBlock $script:CIPPEndpointCompleter
Register-ArgumentCompleter -CommandName 'Invoke-CIPPRestMethod', 'Invoke-CIPPForEachTenant' -ParameterName Params -ScriptBlock $script:CIPPParameterSnippetCompleter
Register-ArgumentCompleter -CommandName 'Invoke-CIPPRestMethod', 'Invoke-CIPPForEachTenant' -ParameterName Body -ScriptBlock $script:CIPPParameterSnippetCompleter
# The generated list is absent when the module runs without Generated/ (core commands only).
if ($script:CIPPCustomerTenantCommands) {
    Register-ArgumentCompleter -CommandName $script:CIPPCustomerTenantCommands -ParameterName CustomerTenantID -ScriptBlock $script:CIPPTenantCompleter
}
Register-ArgumentCompleter -CommandName 'Invoke-CIPPForEachTenant', 'Get-CIPPBackup' -ParameterName TenantFilter -ScriptBlock $script:CIPPTenantCompleter
Register-ArgumentCompleter -CommandName 'Add-CIPPExchConnector', 'Add-CIPPExchTransportRule' -ParameterName CustomerTenantDefaultDomain -ScriptBlock $script:CIPPTenantCompleter

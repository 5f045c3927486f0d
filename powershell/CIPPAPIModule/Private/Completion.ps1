# Tab completion for the module's commands, registered once at import (Register-ArgumentCompleter is cheap; all
# work happens on the first TAB): endpoint names, -Params/-Body snippets with the chosen endpoint's parameter
# names, and tenant names from a cache of ListTenants refreshed in the background. Completers never throw, never
# write errors, never block for more than about a second and never call the API when no details are set.
#
# PowerShell 7 does not ask argument completers for keys inside a hashtable literal (@{ te<TAB> } only completes
# properties of a parameter's class type, and -Params/-Body are [hashtable] for 1.2.12 compatibility), so
# -Params/-Body complete whole hashtable snippets at the argument position instead: `-Params <TAB>` offers
# @{ tenantFilter = '' } and friends.

# Seconds a fetched tenant list is used before a background refresh, how long a failed fetch suppresses new
# attempts, and how long a completion waits for a list it does not have yet (completion must stay responsive
# whatever the server does: slow, hanging or unreachable).
$script:CIPPTenantCompletionTtlSeconds = 120
$script:CIPPTenantCompletionRetrySeconds = 30
$script:CIPPTenantCompletionWaitMilliseconds = 900
$script:CIPPTenantCompletion = $null

# The endpoint catalog (CippApi.CippEndpoint[]), read on first use (Get-CIPPEndpoint, endpoint completion).
$script:CIPPEndpointCatalog = $null
$script:CIPPEndpointByName = $null

# $script:CIPPTenantParameters (customer-tenant parameter name -> commands) is generated from the command catalog into
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

# Names the library's normaliser gave for completion words, per module instance (every TAB asks again).
$script:CIPPEndpointNameCache = [System.Collections.Generic.Dictionary[string, string]]::new([System.StringComparer]::Ordinal)

function ConvertTo-CIPPEndpointName {
    <#
    .SYNOPSIS
    The endpoint name in '/api/ListUsers', 'API/listus' or 'List*', as the library's normaliser reads it.

    .DESCRIPTION
    The library's name for the word (catalog case for a known endpoint). A completion word the library refuses as
    an endpoint (a bare '/api/', wildcard brackets) gives the library's name part of it (CippCatalog.EndpointWord:
    the prefix and a query removed, nothing checked). Cached per session.
    #>
    param([string]$Endpoint)
    if ([string]::IsNullOrWhiteSpace($Endpoint)) { return '' }
    $name = $null
    if ($script:CIPPEndpointNameCache.TryGetValue($Endpoint, [ref]$name)) { return $name }
    $word = $Endpoint.Trim()
    try {
        $name = [CippApi.CippCatalog]::EndpointName($word)
    } catch {
        try { $name = [CippApi.CippCatalog]::EndpointWord($word) } catch { $name = $word }
    }
    if ($script:CIPPEndpointNameCache.Count -lt 4096) { $script:CIPPEndpointNameCache[$Endpoint] = $name }
    $name
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
    Tenants for completion from a cached ListTenants, fetched and refreshed in the background; never blocks long.

    .DESCRIPTION
    Returns $null (and calls nothing) when no details are set. Otherwise the list comes from a cache that belongs to
    the client (new details fetch a fresh list). The fetch runs on a .NET task (CippClient.InvokeRestMethodAsync):
    without a list yet, a completion waits for it at most CIPPTenantCompletionWaitMilliseconds and then returns
    $null (still loading); an expired list is returned at once while a new one is fetched. A failed fetch keeps
    the previous list (if any) and is not retried for a few seconds; $script:CIPPTenantCompletion.Problem says why.
    #>
    $client = Get-CIPPClientOrNull
    if ($null -eq $client) { return $null }
    $cache = $script:CIPPTenantCompletion
    if ($null -eq $cache -or -not [object]::ReferenceEquals($cache.Client, $client)) {
        $cache = @{ Client = $client; Tenants = $null; Expires = [datetime]::MinValue; Task = $null; Problem = $null }
        $script:CIPPTenantCompletion = $cache
    }
    if ($null -eq $cache.Task -and [datetime]::UtcNow -ge $cache.Expires) {
        try {
            $cache.Task = $client.InvokeRestMethodAsync('GET', '/api/ListTenants', $null, '{}', [NullString]::Value)
        } catch {
            $cache.Problem = $_.Exception.Message
            $cache.Expires = [datetime]::UtcNow.AddSeconds($script:CIPPTenantCompletionRetrySeconds)
            return $cache.Tenants
        }
    }
    $task = $cache.Task
    if ($null -ne $task) {
        if ($null -eq $cache.Tenants -and -not $task.IsCompleted) {
            $null = [System.Threading.Tasks.Task]::WaitAny([System.Threading.Tasks.Task[]]@($task), $script:CIPPTenantCompletionWaitMilliseconds)
        }
        if ($task.IsCompleted) {
            $cache.Task = $null
            $ttl = $script:CIPPTenantCompletionRetrySeconds
            if ($task.IsFaulted -or $task.IsCanceled) {
                $cache.Problem = (Get-CIPPInnerException -Exception $task.Exception.GetBaseException()).Message
            } else {
                $response = $task.Result
                if ($response.IsSuccessStatusCode -and $response.IsJson -and $response.BodyLength -gt 0) {
                    try {
                        $parsed = ConvertFrom-Json -InputObject $response.Body -NoEnumerate -ErrorAction Stop
                        $cache.Tenants = @(foreach ($t in $parsed) {
                                $domain = [string]$t.defaultDomainName
                                if ($domain) {
                                    [pscustomobject]@{ Domain = $domain; DisplayName = [string]$t.displayName; Id = [string]$t.customerId }
                                }
                            })
                        $cache.Problem = $null
                        $ttl = $script:CIPPTenantCompletionTtlSeconds
                    } catch {
                        $cache.Problem = "ListTenants did not answer JSON ($($_.Exception.Message))"
                    }
                } else {
                    $cache.Problem = "ListTenants answered HTTP $($response.StatusCode)"
                }
            }
            $cache.Expires = [datetime]::UtcNow.AddSeconds($ttl)
        }
    }
    $cache.Tenants
}

function New-CIPPCompletionMessage {
    # A completion entry that only informs (loading, no match): accepting it leaves the typed word as it is, and
    # its presence keeps PowerShell from offering file names for a tenant parameter.
    param([string]$WordToComplete, [string]$Message)
    $text = if ($WordToComplete) { $WordToComplete } else { ' ' }
    [System.Management.Automation.CompletionResult]::new($text, $Message, 'ParameterValue', $Message)
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
        if ($null -eq $tenants) {
            $cache = $script:CIPPTenantCompletion
            $message = if ($null -eq (Get-CIPPClientOrNull)) { '(tenant names: run Set-CIPPAPIDetails first)' }
            elseif ($cache -and $cache.Problem) { "(tenant list unavailable: $($cache.Problem))" }
            else { '(loading the tenant list from CIPP; press Tab again)' }
            return New-CIPPCompletionMessage -WordToComplete $wordToComplete -Message $message
        }
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
        if ($first.Count + $later.Count -eq 0) {
            New-CIPPCompletionMessage -WordToComplete $wordToComplete -Message "(no tenant matches '$word')"
        }
    } catch {
        # Completion must never fail visibly, nor fall back to file names for a tenant.
        try { New-CIPPCompletionMessage -WordToComplete $wordToComplete -Message '(tenant names unavailable)' } catch { $null = $_ }
    }
}

#endregion

# Registration (once per import; re-importing replaces these entries with the new module instance's).
Register-ArgumentCompleter -CommandName 'Invoke-CIPPRestMethod', 'Invoke-CIPPForEachTenant' -ParameterName Endpoint -ScriptBlock $script:CIPPEndpointCompleter
Register-ArgumentCompleter -CommandName 'Get-CIPPEndpoint' -ParameterName Name -ScriptBlock $script:CIPPEndpointCompleter
Register-ArgumentCompleter -CommandName 'Invoke-CIPPRestMethod', 'Invoke-CIPPForEachTenant' -ParameterName Params -ScriptBlock $script:CIPPParameterSnippetCompleter
Register-ArgumentCompleter -CommandName 'Invoke-CIPPRestMethod', 'Invoke-CIPPForEachTenant' -ParameterName Body -ScriptBlock $script:CIPPParameterSnippetCompleter
# Customer-tenant parameters (-CustomerTenantID, -TenantFilter, ...): the generated map in Generated/CompletionCommands.ps1
# (absent when the module runs without Generated/: core commands only).
foreach ($name in $script:CIPPTenantParameters.Keys) {
    Register-ArgumentCompleter -CommandName $script:CIPPTenantParameters[$name] -ParameterName $name -ScriptBlock $script:CIPPTenantCompleter
}

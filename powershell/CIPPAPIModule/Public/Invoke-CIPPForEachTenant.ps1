function Invoke-CIPPForEachTenant {
    <#
    .SYNOPSIS
    Runs the same CIPP API call for many tenants at once and streams the results as they arrive.

    .DESCRIPTION
    Invoke-CIPPForEachTenant sends one request per tenant, with up to -ThrottleLimit requests in flight at the
    same time, on the module's connection (the details set by Set-CIPPAPIDetails, one shared token). It is the fast
    way to ask every customer tenant the same question: 200 tenants at 100 ms each take about 1.3 s at the default
    throttle of 16 instead of 20 s one after another.

    Tenants come from -TenantFilter or from the pipeline: strings, or objects with a defaultDomainName, customerId,
    CustomerTenantID, Tenant or TenantFilter property (so the output of Get-CIPPTenants can be piped in). Each
    tenant is called once (duplicates are dropped, case-insensitively). The whole input is collected first; the
    calls start when the input ends.

    Each tenant's name is sent under -TenantParameterName (default tenantFilter) in the query string (default)
    or, with -TenantIn Body, in the JSON body. The rest of the request is built like Invoke-CIPPRestMethod's:
    -Params is the query string, -Body the JSON body (sent with every request, {} when empty).

    Results are written as soon as each tenant answers (completion order, not input order). A JSON answer is
    converted exactly as Invoke-CIPPRestMethod converts it and arrays are unrolled; every object written gets a
    CIPPTenant property naming the tenant it came from. Answers that are not objects (strings, numbers, nested
    arrays) are wrapped as [pscustomobject]@{ CIPPTenant = <tenant>; Value = <answer> }. Warnings about an answer
    (a failure reported with HTTP 200, a queued request) start with the tenant's name.

    A tenant that fails (an HTTP error status, or no answer: network failure, timeout, sign-in failure) writes
    one non-terminating error and the other tenants carry on. The error's TargetObject is the tenant, its
    message names the tenant and carries the server's answer, and $_.ErrorDetails.RecommendedAction carries the
    library's advice for common failures; $_.Exception.Response is set for HTTP errors as with
    Invoke-CIPPRestMethod. Collect them with -ErrorVariable.

    Progress (completed/total) is shown with Write-Progress unless -NoProgress is given. Ctrl+C stops the command
    promptly: calls not yet started are not sent and running ones are abandoned. The same happens when the rest of
    the pipeline stops early (Select-Object -First 1): up to -ThrottleLimit calls may already have been sent by
    then, so for a change limit the tenants with -TenantFilter, not with what follows the command.

    .PARAMETER TenantFilter
    The tenants to call: default domain names (contoso.onmicrosoft.com) or tenant IDs. Accepts pipeline input,
    also by property name (defaultDomainName, customerId, CustomerTenantID, Tenant). An object with none of these
    properties is refused with an error (its text is no tenant), and the other tenants are called.

    .PARAMETER Endpoint
    The API path, e.g. '/api/ListUsers' ('ListUsers' and 'api/ListUsers' are accepted too).

    .PARAMETER Params
    A hashtable of query-string parameters sent with every tenant's call. A key equal to -TenantParameterName is
    replaced by the tenant (in query mode).

    .PARAMETER Method
    GET (default) or POST.

    .PARAMETER Body
    The JSON request body, converted with ConvertTo-Json -Depth 10: a hashtable, an ordered dictionary or a
    PSCustomObject (a JSON object), or an array of them (a JSON array). With -TenantIn Body the tenant is added to
    the object under -TenantParameterName; an array body with -TenantIn Body is refused before anything is sent,
    because CIPP reads the tenant from the top level of the body, which an array does not have.

    .PARAMETER WhatIf
    Shows each tenant's request instead of sending it, in the format of Invoke-CIPPRestMethod -WhatIf (URL with
    query, headers with the token redacted, body, and whether read-only mode or the allow-list would refuse it).
    Nothing is sent, not even a token request. Under an inherited $WhatIfPreference (a script run with -WhatIf),
    calls that only read still run, as with Invoke-CIPPRestMethod.

    .PARAMETER Confirm
    Asks before each tenant's call.

    .PARAMETER ContentType
    The Content-Type header of the requests; default application/json.

    .PARAMETER TenantParameterName
    The name the tenant is sent under; default tenantFilter (what most CIPP endpoints read).

    .PARAMETER TenantIn
    Where the tenant goes: Query (default) or Body.

    .PARAMETER ThrottleLimit
    How many calls run at the same time, 1 to 256; default 16.

    .PARAMETER NoProgress
    Do not show a progress bar.

    .EXAMPLE
    Get-CIPPTenants | Invoke-CIPPForEachTenant -Endpoint '/api/ListUsers' -ThrottleLimit 16

    Lists the users of every customer tenant, 16 tenants at a time. Each user object has a CIPPTenant property
    naming its tenant.

    .EXAMPLE
    $mailboxes = Get-CIPPTenants | Invoke-CIPPForEachTenant -Endpoint '/api/ListMailboxes' -ErrorVariable failed
    $mailboxes | Group-Object CIPPTenant | Sort-Object Count -Descending | Select-Object Name, Count
    $failed | ForEach-Object { $_.ErrorDetails.Message }

    Counts mailboxes per tenant; tenants that could not be read are listed from the collected errors (each message
    starts with the tenant's name; $_.TargetObject is the tenant alone).

    .EXAMPLE
    'contoso.onmicrosoft.com', 'fabrikam.onmicrosoft.com' | Invoke-CIPPForEachTenant -Endpoint '/api/ListGraphRequest' -Params @{ Endpoint = 'users'; '$top' = 5 }

    Passes extra query parameters; the tenant is added as tenantFilter for each call.

    .EXAMPLE
    Invoke-CIPPForEachTenant -TenantFilter $tenants -Endpoint '/api/ExecCIPPDBCache' -Method POST -Body @{ Name = 'Users' } -TenantIn Body

    Sends a POST per tenant with the tenant inside the JSON body ({"Name":"Users","tenantFilter":"…"}).

    .INPUTS
    System.String, or objects with a defaultDomainName, CustomerTenantID or Tenant property.

    .OUTPUTS
    System.Management.Automation.PSCustomObject
    #>
    [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Low')]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('defaultDomainName', 'customerId', 'CustomerTenantID', 'Tenant')]
        [AllowNull()]
        [AllowEmptyCollection()]
        [AllowEmptyString()]
        [string[]]$TenantFilter,

        [Parameter(Mandatory)]
        [string]$Endpoint,

        [hashtable]$Params = @{},

        [ValidateSet('GET', 'POST')]
        [string]$Method = 'GET',

        [object]$Body = @{},

        [string]$ContentType = 'application/json',

        [ValidateNotNullOrEmpty()]
        [string]$TenantParameterName = 'tenantFilter',

        [ValidateSet('Query', 'Body')]
        [string]$TenantIn = 'Query',

        [ValidateRange(1, 256)]
        [int]$ThrottleLimit = 16,

        [switch]$NoProgress
    )

    begin {
        $tenants = [System.Collections.Generic.List[string]]::new()
        $seen = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    }

    process {
        foreach ($name in $TenantFilter) {
            if ([string]::IsNullOrWhiteSpace($name)) { continue }
            $name = $name.Trim()
            if ($name.StartsWith('@{') -and $name.EndsWith('}')) {
                # An object without a tenant property, bound as its text: no tenant is named like that.
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                        [System.ArgumentException]::new("'$name' is not a tenant: an object given to -TenantFilter needs a defaultDomainName, customerId, CustomerTenantID, Tenant or TenantFilter property (as the output of Get-CIPPTenants has). Pass such objects, or the tenants' default domain names or IDs.", 'TenantFilter'),
                        'CIPPAPI.TenantObject', [System.Management.Automation.ErrorCategory]::InvalidArgument, $_))
                continue
            }
            if ($seen.Add($name)) {
                $tenants.Add($name)
            } else {
                Write-Verbose "Tenant '$name' is listed more than once; calling it once."
            }
        }
    }

    end {
        if ($tenants.Count -eq 0) {
            Write-Verbose 'No tenants given; nothing to do.'
            return
        }
        $client = Get-CIPPClientInstance
        $Method = $Method.ToUpperInvariant()
        $query = [CippApi.InvokeCippRequestCommand]::QueryPairs($Params)
        $json = if ($Body -is [hashtable] -and $Body.Count -eq 0) { '{}' } else { ConvertTo-CIPPJsonBody $Body }
        $where = if ($TenantIn -eq 'Body') { [CippApi.CippTenantIn]::Body } else { [CippApi.CippTenantIn]::Query }
        $type = if ($ContentType) { $ContentType } else { [NullString]::Value }
        $activity = 'Invoke-CIPPForEachTenant'

        # Dry run, decided as Invoke-CIPPRestMethod decides: -WhatIf previews every tenant's call; an inherited
        # $WhatIfPreference (a script run with -WhatIf) previews changes and lets reads run.
        $readUnderWhatIf = $false
        $preview = if ($PSBoundParameters.ContainsKey('WhatIf')) { [bool]$PSBoundParameters['WhatIf'] }
        elseif ($WhatIfPreference) {
            if (Test-CIPPReadCall -Endpoint $Endpoint) { $readUnderWhatIf = $true; $false } else { $true }
        } else { $false }
        if ($preview) {
            Show-CIPPRequestPreview -Client $client -Method $Method -Endpoint $Endpoint -Query $query -Body $json -ContentType $ContentType `
                -Tenant $tenants -TenantKey $TenantParameterName -TenantIn $where -Activity $activity
            return
        }
        if (-not $readUnderWhatIf) {
            # -Confirm asks per tenant (Yes to All / No to All answer for the rest); without it nothing prompts.
            $confirmed = [System.Collections.Generic.List[string]]::new($tenants.Count)
            foreach ($tenant in $tenants) {
                if ($script:CIPPCommandRequest::ShouldProcess($PSCmdlet, $tenant, "$Method $Endpoint")) { $confirmed.Add($tenant) }
            }
            $tenants = $confirmed
            if ($tenants.Count -eq 0) { return }
        }
        $total = $tenants.Count
        Write-Verbose "$Method $Endpoint for $total tenant(s), $ThrottleLimit at a time (tenant in $($TenantIn.ToLowerInvariant()) key '$TenantParameterName')"

        $batch = $null
        try {
            try {
                $batch = $client.StartBatch($Method, $Endpoint, $TenantParameterName, $where, $tenants, $query, $json, $type, $ThrottleLimit)
            } catch [System.Management.Automation.MethodInvocationException] {
                $PSCmdlet.ThrowTerminatingError((New-CIPPNativeErrorRecord -Exception $_.Exception -Activity $activity))
            }

            $done = 0
            $failed = 0
            $warned = $false
            $catalogAsWarning = -not [CippApi.InvokeCippRequestCommand]::IsModuleCaller($MyInvocation)
            $progress = -not $NoProgress
            $progressClock = [System.Diagnostics.Stopwatch]::StartNew()
            $progressShown = $false
            while ($true) {
                # Short waits: between them PowerShell can stop the command (Ctrl+C, PowerShell.Stop()).
                $item = $batch.Next(100)
                if ($null -eq $item) {
                    if ($batch.IsCompleted) { break }
                    continue
                }
                $done++
                $tenant = $item.Tenant
                $response = $item.Response
                if ($null -eq $response) {
                    # No answer: the native failure (network, timeout, sign-in, cancelled).
                    $failed++
                    $exception = if ($item.Error) { $item.Error } else {
                        [CippApi.CippException]::new($item.Status, "The call for tenant '$tenant' failed ($($item.Status)).")
                    }
                    if ($exception.Trace) { [CippApi.InvokeCippRequestCommand]::WriteText($PSCmdlet, $exception.Trace, "${tenant}: ", $false) }
                    $record = New-CIPPNativeErrorRecord -Exception $exception -Activity $activity
                    $PSCmdlet.WriteError((Set-CIPPTenantErrorTarget -Record $record -Tenant $tenant -Message $exception.Message))
                } else {
                    if ($response.Trace) { [CippApi.InvokeCippRequestCommand]::WriteText($PSCmdlet, $response.Trace, "${tenant}: ", $false) }
                    if (-not $warned -and $response.Warnings) {
                        # The catalog check is the same for every tenant: report it once, as Invoke-CIPPRestMethod
                        # does (a warning for your own calls, verbose for the module's).
                        [CippApi.InvokeCippRequestCommand]::WriteText($PSCmdlet, $response.Warnings, 'Catalog check: ', $catalogAsWarning)
                        $warned = $true
                    }
                    if ($response.IsSuccessStatusCode) {
                        # Written through this function's own cmdlet, so -WarningVariable/-WarningAction see the
                        # per-tenant warnings; each row tagged with CIPPTenant as it is parsed.
                        [CippApi.InvokeCippRequestCommand]::WriteBody($PSCmdlet, $response, "${tenant}: ", $tenant)
                    } else {
                        $failed++
                        $record = [CippApi.InvokeCippRequestCommand]::HttpErrorRecord($response, $Method, $activity)
                        $PSCmdlet.WriteError((Set-CIPPTenantErrorTarget -Record $record -Tenant $tenant -Message $response.Body))
                    }
                }
                if ($progress -and ($done -eq $total -or $progressClock.ElapsedMilliseconds -ge 200)) {
                    $progressClock.Restart()
                    $progressShown = $true
                    $percent = [int][math]::Floor(100 * $done / $total)
                    $status = if ($failed) { "$done of $total tenants done ($failed failed)" } else { "$done of $total tenants done" }
                    Write-Progress -Activity "$Method $Endpoint" -Status $status -PercentComplete $percent -Id 0x43495050
                }
            }
            if ($failed) { Write-Verbose "$failed of $total tenant(s) failed." }
        } finally {
            if ($null -ne $batch) {
                # Normal end: nothing is left to cancel. Stopped (Ctrl+C) or failed: calls not yet started are not
                # sent and running ones are abandoned.
                if (-not $batch.IsCompleted) {
                    try { $batch.Cancel() } catch { Write-Verbose "Cancelling the batch failed: $($_.Exception.Message)" }
                }
                $batch.Dispose()
            }
            if ($progressShown) {
                Write-Progress -Activity "$Method $Endpoint" -Id 0x43495050 -Completed
            }
        }
    }
}

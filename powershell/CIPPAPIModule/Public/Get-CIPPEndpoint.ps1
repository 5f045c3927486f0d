function Get-CIPPEndpoint {
    <#
    .SYNOPSIS
    Searches the built-in catalog of CIPP API endpoints.

    .DESCRIPTION
    Get-CIPPEndpoint lists the endpoints of the CIPP API that the module knows (645, derived from CIPP-API's own
    OpenAPI description and compiled into the native library; no request is sent). Each result says how the
    endpoint is called: its usual method, the role an API client needs, whether it is a read (the role ends in
    .Read: what read-only mode allows), whether any tenant may be named, and its query, body and required
    parameters.

    -Name is matched case-insensitively; with wildcards (* ?) it searches, without them it must name an endpoint
    exactly (as with Get-Command). '/api/ListUsers' and 'ListUsers' are the same name. -Role works the same way
    on the role name. The filters combine.

    Use it to find the endpoint for Invoke-CIPPRestMethod or Invoke-CIPPForEachTenant and the parameters it
    reads; the -Endpoint, -Params and -Body arguments of those commands also complete from this catalog with TAB.

    .PARAMETER Name
    Endpoint names or wildcard patterns, e.g. ListUsers, '*Mailbox*', '/api/ListUsers'. Default: every endpoint.

    .PARAMETER Role
    Only endpoints needing this role, or a role wildcard pattern, e.g. 'Exchange.Mailbox.*'.

    .PARAMETER Method
    Only endpoints whose usual method is GET or POST.

    .PARAMETER ReadOnly
    Only endpoints that only read (their role ends in .Read); these are the calls read-only mode allows.

    .EXAMPLE
    Get-CIPPEndpoint '*Mailbox*' -ReadOnly

    Lists the read-only endpoints with Mailbox in their name.

    .EXAMPLE
    (Get-CIPPEndpoint ListUsers).QueryParameters

    Shows the query parameters ListUsers reads (graphFilter, IncludeLogonDetails, tenantFilter, UserID).

    .EXAMPLE
    Get-CIPPEndpoint -Role 'Identity.User.*' -Method POST | Select-Object Name, RequiredParameters

    Lists the user-management endpoints that change something, with the parameters each one requires.

    .OUTPUTS
    CippApi.CippEndpoint (read-only: Name, Method, Role, AnyTenant, IsRead, QueryParameters, BodyParameters,
    RequiredParameters)
    #>
    [CmdletBinding()]
    [OutputType('CippApi.CippEndpoint')]
    param(
        [Parameter(Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('Endpoint')]
        [SupportsWildcards()]
        [string[]]$Name,

        [SupportsWildcards()]
        [string]$Role,

        [ValidateSet('GET', 'POST')]
        [string]$Method,

        [switch]$ReadOnly
    )

    begin {
        # The objects' table view is registered on the first call, not at import: as FormatsToProcess it cost every
        # import ~30 ms for this one command's output (BENCHMARKS.md, "Round 4").
        if (-not $script:CIPPEndpointViewLoaded) {
            Update-FormatData -AppendPath ([System.IO.Path]::Combine($script:CIPPModuleRoot, 'CIPPAPIModule.Format.ps1xml'))
            $script:CIPPEndpointViewLoaded = $true
        }
        $catalog = Get-CIPPEndpointCatalog
        $rolePattern = if ($Role) { [System.Management.Automation.WildcardPattern]::Get($Role, 'IgnoreCase') }
        $written = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
        # The -Role/-Method/-ReadOnly filters, applied to every candidate.
        $selected = $catalog.Where({
                (-not $rolePattern -or $rolePattern.IsMatch($_.Role)) -and
                (-not $Method -or $_.Method -eq $Method) -and
                (-not $ReadOnly -or $_.IsRead)
            })
        $allowed = [System.Collections.Generic.HashSet[string]]::new([string[]]@($selected.Name), [System.StringComparer]::OrdinalIgnoreCase)
    }

    process {
        if (-not $Name) {
            foreach ($e in $selected) {
                if ($written.Add($e.Name)) { $e }
            }
            return
        }
        foreach ($n in $Name) {
            $bare = ConvertTo-CIPPEndpointName $n
            if ([System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($bare)) {
                $pattern = [System.Management.Automation.WildcardPattern]::Get($bare, 'IgnoreCase')
                foreach ($e in $selected) {
                    if ($pattern.IsMatch($e.Name) -and $written.Add($e.Name)) { $e }
                }
                continue
            }
            $e = Find-CIPPEndpoint $bare
            if ($null -eq $e) {
                # The library's closest catalog name, when one is close enough to be a misspelling.
                $suggestion = try { [CippApi.CippCatalog]::Suggest($bare) } catch { $null }
                $hint = if ($suggestion) { " Did you mean '$suggestion'?" } else { '' }
                $exception = [System.Management.Automation.ItemNotFoundException]::new(
                    "The endpoint catalog has no endpoint named '$bare'.$hint Search with wildcards, e.g. Get-CIPPEndpoint '*$bare*'. " +
                    'The server may still know it (the catalog follows CIPP-API 10.8.2); Invoke-CIPPRestMethod can call any endpoint.')
                $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                        $exception, 'CIPPEndpointNotFound', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $n))
                continue
            }
            if ($allowed.Contains($e.Name) -and $written.Add($e.Name)) { $e }
        }
    }
}

# Hooks for the generated commands (Generated/Commands.ps1). The catalog (powershell/catalog/commands/*.psd1)
# names them per command:
#   Validate = '<function>'  checks arguments before any request; throws on invalid input
#   Handler  = '<function>'  does the whole request logic (several calls, branching on arguments)
#   Output   = '<function>'  reshapes the response of the standard request
# Validate and Handler hooks receive -Values (every declared parameter of the command, defaults applied) and
# -Bound (the command's $PSBoundParameters). Helpers used in catalog expressions live here too.

# Seconds between polls in Get-CIPPBECCheck (the server needs time to collect the report).
$script:CIPPBECCheckPollSeconds = 10

#region helpers used in catalog expressions

# One {value, label} item per entry, label "<Prefix> - <entry>". Output goes to the pipeline, so a hashtable entry
# receives $null for no items, a bare object for one item and an array for two or more (as in 1.2.12).
function ConvertTo-CIPPFormattedArray {
    param([object[]]$Array, [string]$Prefix)
    foreach ($item in $Array) { @{ value = $item; label = "$Prefix - $item" } }
}

# Seconds since 1970-01-01 UTC.
function ConvertTo-CIPPUnixTime {
    param([datetime]$Date)
    [int64][math]::Floor(($Date.ToUniversalTime() - [datetime]::new(1970, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)).TotalSeconds)
}

# '<n>d', '<n>h' or '<n>m' from the first non-zero component of a time span; '2d' with a warning when all are zero.
function ConvertTo-CIPPRelativeTime {
    param([timespan]$Span)
    if ($Span.Days -gt 0) { return "$($Span.Days)d" }
    if ($Span.Hours -gt 0) { return "$($Span.Hours)h" }
    if ($Span.Minutes -gt 0) { return "$($Span.Minutes)m" }
    Write-Warning 'RelativeTime has no days, hours or minutes; using 2 days.'
    '2d'
}

# Scheduled = {enabled, date}: date in unix seconds (an unspecified-kind time is read as local time).
function New-CIPPScheduleBlock {
    param($ScheduledFor)
    @{
        enabled = ($null -ne $ScheduledFor)
        date    = if ($null -ne $ScheduledFor) { ([DateTimeOffset][datetime]$ScheduledFor).ToUnixTimeSeconds() } else { $null }
    }
}

# PostExecution = {webhook, psa, email}: true when the switch is present, otherwise null.
function New-CIPPPostExecutionBlock {
    param([bool]$Webhook, [bool]$PSA, [bool]$Email)
    @{
        webhook = if ($Webhook) { $true } else { $null }
        psa     = if ($PSA) { $true } else { $null }
        email   = if ($Email) { $true } else { $null }
    }
}

# Parameter value when truthy, otherwise the fallback (the existing object's value in read-before-write commands).
# Scalars only: the pipeline would unroll a one-element array.
function Select-CIPPValue {
    param($Value, $Fallback)
    if ($Value) { $Value } else { $Fallback }
}
#endregion

#region Validate hooks
function Assert-CIPPOOOArguments {
    param([hashtable]$Values, $Bound)
    if ($Values.AutoreplyState -eq 'Scheduled' -and (-not $Values.StartTime -or -not $Values.EndTime)) {
        throw 'AutoreplyState Scheduled needs both -StartTime and -EndTime.'
    }
}

function Assert-CIPPGroupsArguments {
    param([hashtable]$Values, $Bound)
    if (($Values.Members -or $Values.Owners) -and -not $Values.GroupID) {
        throw '-Members and -Owners need -GroupID.'
    }
}

function Assert-CIPPIntunePolicyArguments {
    param([hashtable]$Values, $Bound)
    if ([bool]$Values.PolicyID -ne [bool]$Values.Urlname) {
        throw '-PolicyID and -Urlname must be given together (or both left out).'
    }
}

function Assert-CIPPDeviceDetailsArguments {
    param([hashtable]$Values, $Bound)
    if (-not $Values.DeviceID -and -not $Values.DeviceName -and -not $Values.DeviceSerial) {
        throw 'Give -DeviceID, or -DeviceName and/or -DeviceSerial.'
    }
}

function Assert-CIPPServiceHealthArguments {
    param([hashtable]$Values, $Bound)
    if (-not $Values.AllTenants -and -not ($Values.DisplayName -and $Values.DefaultDomainName)) {
        throw 'Give -AllTenants, or both -DisplayName and -DefaultDomainName.'
    }
}
#endregion

#region Output hooks
function Format-CIPPNotificationConfig {
    param([object[]]$Response)
    $config = $Response | Select-Object -First 1
    if (-not $config) {
        Write-Warning 'No notification configuration found'
        return $null
    }
    [PSCustomObject]@{
        LogsToInclude     = $config.logsToInclude
        Severity          = $config.Severity
        Email             = $config.email
        Webhook           = $config.webhook
        SendToIntegration = $config.sendtoIntegration
        IncludeTenantId   = $config.includeTenantId
        OneEmailPerTenant = $config.onePerTenant
        Schedule          = $config.schedule
        Type              = $config.type
    }
}

# Every task gets a usable .Parameters: missing → @{}, JSON text → parsed object (@{} when it does not parse).
function Format-CIPPScheduledTask {
    param([object[]]$Response)
    foreach ($task in $Response) {
        if ($null -eq $task) { continue }
        if ($task.PSObject.Properties.Name -notcontains 'Parameters') {
            $task | Add-Member -NotePropertyName Parameters -NotePropertyValue @{} -Force
        } elseif ($task.Parameters -is [string]) {
            $parsed = try { $task.Parameters | ConvertFrom-Json -ErrorAction Stop } catch { @{} }
            $task.Parameters = $parsed
        }
        $task
    }
}
#endregion

#region Handler hooks
function Invoke-CIPPCSPLicenseHook {
    param([hashtable]$Values, $Bound)
    'This function is not implemented yet - and never will be. Use CIPP to manage CSP licenses instead.'
}

function Invoke-CIPPPublicPingHook {
    param([hashtable]$Values, $Bound)
    Invoke-WebRequest -Uri "$($Values.CIPPPublicURL.TrimEnd('/'))/api/PublicPing" -Method Get
}

function Invoke-CIPPBECCheckHook {
    param([hashtable]$Values, $Bound)
    $params = @{ tenantFilter = $Values.CustomerTenantID; userId = $Values.UserID; username = $Values.UserName }
    $first = Invoke-CIPPRestMethod -Endpoint '/api/execbeccheck' -Method 'GET' -Params $params
    $poll = $params.Clone()
    $poll['guid'] = [string]$first.guid
    do {
        Start-Sleep -Seconds $script:CIPPBECCheckPollSeconds
        $response = Invoke-CIPPRestMethod -Endpoint '/api/execbeccheck' -Method 'GET' -Params $poll
    } while ($response.waiting -eq 'True')
    $response
}

function Invoke-CIPPExcludeLicenseHook {
    param([hashtable]$Values, $Bound)
    if ([bool]$Values.AddExclusion -eq [bool]$Values.RemoveExclusion) {
        throw 'Use exactly one of -AddExclusion or -RemoveExclusion.'
    }
    if ($Values.RemoveExclusion) {
        Invoke-CIPPRestMethod -Endpoint '/api/ExecExcludeLicenses' -Method 'GET' -Params @{ GUID = $Values.LicenseGUID; RemoveExclusion = $true }
    } else {
        Invoke-CIPPRestMethod -Endpoint '/api/ExecExcludeLicenses' -Method 'POST' -Params @{ AddExclusion = $true } -Body @{ GUID = $Values.LicenseGUID; SKUName = $Values.SKUName }
    }
}

function Invoke-CIPPExcludeTenantHook {
    param([hashtable]$Values, $Bound)
    if ([bool]$Values.AddExclusion -eq [bool]$Values.RemoveExclusion) {
        throw 'Use exactly one of -AddExclusion or -RemoveExclusion.'
    }
    if ($Values.RemoveExclusion) {
        Invoke-CIPPRestMethod -Endpoint '/api/execexcludetenant' -Method 'GET' -Params @{ TenantFilter = $Values.CustomerTenantID; RemoveExclusion = $true }
    } else {
        Invoke-CIPPRestMethod -Endpoint '/api/execexcludetenant' -Method 'POST' -Params @{ AddExclusion = $true } -Body @{ value = $Values.CustomerTenantID }
    }
}

function Invoke-CIPPPasswordSettingsHook {
    param([hashtable]$Values, $Bound)
    if ($Values.List) {
        Invoke-CIPPRestMethod -Endpoint '/api/execpasswordconfig' -Method 'GET' -Params @{ List = 'true' }
    } else {
        Invoke-CIPPRestMethod -Endpoint '/api/execpasswordconfig' -Method 'POST' -Body @{ passwordType = $Values.Type }
    }
}

function Invoke-CIPPMailboxQuotaHook {
    param([hashtable]$Values, $Bound)
    $body = @{ tenantFilter = $Values.CustomerTenantID; user = $Values.UserID }
    if ($Values.ProhibitSendQuota) {
        $body['ProhibitSendQuota'] = 'true'; $body['Input'] = $Values.ProhibitSendQuota
    } elseif ($Values.IssueWarningQuota) {
        $body['IssueWarningQuota'] = 'true'; $body['input'] = $Values.IssueWarningQuota
    } elseif ($Values.ProhibitSendReceiveQuota) {
        $body['ProhibitSendReceiveQuota'] = 'true'; $body['input'] = $Values.ProhibitSendReceiveQuota
    } else {
        throw 'Give one of -ProhibitSendQuota, -IssueWarningQuota or -ProhibitSendReceiveQuota.'
    }
    Invoke-CIPPRestMethod -Endpoint '/api/ExecSetMailboxQuota' -Method 'POST' -Body $body
}

# Device actions: Action name and body per action as in 1.2.12 (query tenantFilter, GUID, Action). The body also
# carries tenantFilter, GUID and Action (and input for a rename), which is where CIPP 10.x reads them.
function Invoke-CIPPDeviceActionHook {
    param([hashtable]$Values, $Bound)
    $action = $Values.Action
    $method = 'POST'
    $extra = @{}
    switch ($Values.Action) {
        { $_ -in 'syncDevice', 'rebootNow', 'locateDevice', 'GenerateLogsAndShipToMEM', 'RetireDevice' } { $method = 'GET' }
        'WindowsDefenderFullScan' { $action = 'WindowsDefenderScan'; $extra = @{ quickScan = $false } }
        'WindowsDefenderQuickScan' { $action = 'WindowsDefenderScan'; $extra = @{ quickScan = $true } }
        'UpdateWindowsDefender' { $action = 'windowsDefenderUpdateSignatures' }
        'RenameDevice' { $extra = @{ newDeviceName = $Values.NewDeviceName; input = $Values.NewDeviceName } }
        'FreshStartRemoveUserData' { $action = 'cleanWindowsDevice'; $extra = @{ keepUserData = $false } }
        'FreshStartDoNotRemoveUserData' { $action = 'cleanWindowsDevice'; $extra = @{ keepUserData = $true } }
        'WipeDeviceKeepEnrollmentData' { $action = 'cleanWindowsDevice'; $extra = @{ keepUserData = $true; keepEnrollmentData = $true } }
        'WipeDeviceRemoveEnrollmentData' { $action = 'cleanWindowsDevice'; $extra = @{ keepUserData = $false; keepEnrollmentData = $false } }
        'WipeDeviceKeepEnrollmentDataContinueAtPowerloss' { $action = 'cleanWindowsDevice'; $extra = @{ keepUserData = $false; keepEnrollmentData = $true; useProtectedWipe = $true } }
        'WipeDeviceRemoveEnrollmentDataContinueAtPowerloss' { $action = 'cleanWindowsDevice'; $extra = @{ keepUserData = $false; keepEnrollmentData = $false; useProtectedWipe = $true } }
    }
    $params = @{ tenantFilter = $Values.CustomerTenantID; GUID = $Values.DeviceID; Action = $action }
    $body = @{ tenantFilter = $Values.CustomerTenantID; GUID = $Values.DeviceID; Action = $action } + $extra
    Invoke-CIPPRestMethod -Endpoint '/api/ExecDeviceAction' -Method $method -Params $params -Body $body
}

function Invoke-CIPPGDAPInviteHook {
    param([hashtable]$Values, $Bound)
    if ([bool]$Values.GDAPRoles -eq [bool]$Values.UseAllExistingRoles) {
        throw 'Use exactly one of -GDAPRoles or -UseAllExistingRoles.'
    }
    $roles = $Values.GDAPRoles
    if ($Values.UseAllExistingRoles) { $roles = Invoke-CIPPRestMethod -Endpoint '/api/ListGDAPRoles' -Method 'GET' }
    Invoke-CIPPRestMethod -Endpoint '/api/ExecGDAPInvite' -Method 'POST' -Body @{ roleMappings = $roles }
}

function Invoke-CIPPAutopilotConfigHook {
    param([hashtable]$Values, $Bound)
    foreach ($tenant in $Values.CustomerTenantID) {
        $body = @{
            selectedTenants    = @{ value = $tenant }
            Displayname        = $Values.DisplayName
            Description        = $Values.Description
            NotLocalAdmin      = if ($Values.NotLocalAdmin) { 'true' } else { 'false' }
            DeploymentMode     = if ($Values.SharedDevice) { 'true' } else { 'false' }
            Assignto           = $Values.AssignTo
            deviceNameTemplate = $Values.DeviceNameTemplate
            allowWhiteGlove    = $Values.AllowWhiteGlove
            collectHash        = $Values.CollectHash
            hideChangeAccount  = $Values.HideChangeAccount
            hidePrivacy        = $Values.HidePrivacy
            hideTerms          = $Values.HideTerms
            Autokeyboard       = $Values.AutoKeyboard
            languages          = @{ value = $Values.Language }
        }
        $response = Invoke-CIPPRestMethod -Endpoint '/api/AddAutopilotConfig' -Method 'POST' -Body $body
        if (-not $response.Results) { Write-Warning "No result returned for tenant $tenant." }
        $response
    }
}

function Invoke-CIPPHaloPSAMappingHook {
    param([hashtable]$Values, $Bound)
    # The current mappings are read even under -WhatIf (-WhatIf:$false): ExecExtensionMapping is a ReadWrite endpoint,
    # so an inherited $WhatIfPreference would only preview this GET, leaving nothing to add the mapping to.
    $current = Invoke-CIPPRestMethod -Endpoint '/api/ExecExtensionMapping' -Method 'GET' -Params @{ List = 'HaloPSA' } -WhatIf:$false
    $mappings = $current.mappings
    # No mappings object to add to: stop after the read and post nothing, as 1.2.12 does. 1.2.12 then fails with
    # PowerShell's own "Index operation failed; the array index evaluated to null."; this error names the cause.
    if ($null -eq $mappings) {
        $names = @(if ($null -ne $current -and $current -isnot [string]) { @($current)[0].PSObject.Properties.Name })
        $answer = if ($null -eq $current) { 'the answer was empty' }
        elseif ($current -is [string]) { "it answered the text '$current'" }
        elseif ($null -ne $current.Results) { "it answered Results: $($current.Results)" }
        elseif ($names.Count) { "it answered an object with $($names -join ', ')" }
        else { 'it answered an object without properties' }
        throw ("CIPP's answer to GET /api/ExecExtensionMapping?List=HaloPSA has no 'mappings' object ($answer), so the " +
            "existing HaloPSA mappings cannot be read and nothing was changed. Check that the HaloPSA extension is " +
            'enabled and configured in CIPP (Get-CIPPExtensionMapping -ExtensionName HaloPSA shows the answer).')
    }
    $mappings | Add-Member -NotePropertyName $Values.TenantID -NotePropertyValue @{ value = $Values.HaloClientID; label = $Values.HaloClientName } -Force
    Invoke-CIPPRestMethod -Endpoint '/api/ExecExtensionMapping' -Method 'POST' -Params @{ AddMapping = 'HaloPSA' } -Body @{ mappings = $mappings }
}

# Shared by Add-CIPPExchConnector and Add-CIPPExchTransportRule: read the templates, pick one, deploy it.
function Invoke-CIPPExchTemplateDeployment {
    param([hashtable]$Values, [string]$TemplateEndpoint, [string]$DeployEndpoint)
    if (-not $Values.TemplateGuid -and -not $Values.TemplateName) {
        throw 'Either TemplateGuid or TemplateName must be specified.'
    }
    $templates = Invoke-CIPPRestMethod -Endpoint $TemplateEndpoint -Method 'GET'
    if ($Values.TemplateGuid) {
        $template = $templates | Where-Object { $_.GUID -eq [string]$Values.TemplateGuid } | Select-Object -First 1
        if (-not $template) { throw "Template with GUID $($Values.TemplateGuid) not found." }
    } else {
        $template = $templates | Where-Object { $_.name -eq $Values.TemplateName } | Select-Object -First 1
        if (-not $template) { throw "Template with name $($Values.TemplateName) not found." }
    }
    $domain = $Values.CustomerTenantDefaultDomain
    $body = @{
        PowerShellCommand = ($template | ConvertTo-Json -Depth 10)
        Select_           = $domain
        selectedTenants   = @(@{ value = $domain; label = $domain })
        TemplateList      = $template.GUID
    }
    Invoke-CIPPRestMethod -Endpoint $DeployEndpoint -Method 'POST' -Body $body
}

function Invoke-CIPPExchConnectorHook {
    param([hashtable]$Values, $Bound)
    Invoke-CIPPExchTemplateDeployment -Values $Values -TemplateEndpoint '/api/listexconnectortemplates' -DeployEndpoint '/api/AddExConnector'
}

function Invoke-CIPPExchTransportRuleHook {
    param([hashtable]$Values, $Bound)
    Invoke-CIPPExchTemplateDeployment -Values $Values -TemplateEndpoint '/api/ListTransportRulesTemplates' -DeployEndpoint '/api/AddTransportRule'
}

# Read the contact, then post every field: the parameter when given, otherwise the contact's current value.
function Invoke-CIPPSetContactHook {
    param([hashtable]$Values, $Bound)
    $existing = Get-CIPPContacts -CustomerTenantID $Values.CustomerTenantID -ContactID $Values.ContactID | Select-Object -First 1
    $address = @($existing.addresses) | Select-Object -First 1
    $mobile = (@($existing.phones) | Where-Object { $_.type -eq 'mobile' } | Select-Object -First 1).number
    $business = (@($existing.phones) | Where-Object { $_.type -eq 'business' } | Select-Object -First 1).number
    $body = @{
        tenantID      = $Values.CustomerTenantID
        ContactID     = $Values.ContactID
        DisplayName   = Select-CIPPValue $Values.DisplayName $existing.displayName
        mail          = Select-CIPPValue $Values.ExternalEmailAddress $existing.mail
        firstName     = Select-CIPPValue $Values.FirstName $existing.givenName
        LastName      = Select-CIPPValue $Values.LastName $existing.surname
        jobTitle      = Select-CIPPValue $Values.JobTitle $existing.jobTitle
        Country       = Select-CIPPValue $Values.Country $address.countryOrRegion
        PostalCode    = Select-CIPPValue $Values.PostalCode $address.postalCode
        CompanyName   = $existing.companyName
        StreetAddress = Select-CIPPValue $Values.StreetAddress $address.street
        MobilePhone   = Select-CIPPValue $Values.MobilePhone $mobile
        BusinessPhone = Select-CIPPValue $Values.PhoneNumber $business
        City          = Select-CIPPValue $Values.City $address.city
    }
    Invoke-CIPPRestMethod -Endpoint '/api/Editcontact' -Method 'POST' -Body $body
}

# Read the user (and each group to add or remove), then post every field: the parameter when given, otherwise the
# user's current value.
function Invoke-CIPPSetUserHook {
    param([hashtable]$Values, $Bound)
    $tenant = $Values.CustomerTenantID
    $existing = Get-CIPPUsers -CustomerTenantID $tenant -UserID $Values.UserID | Select-Object -First 1
    if (-not $existing) { throw "User with ID $($Values.UserID) not found" }
    $groupItems = {
        param($ids)
        foreach ($id in $ids) {
            $info = (Get-CIPPGroups -CustomerTenantID $tenant -GroupID $id).groupInfo
            @{ label = $info.displayName; value = $info.id; addedFields = @{ calculatedGroupType = $info.calculatedGroupType } }
        }
    }
    $upn = if ($Values.UserName) { "$($Values.UserName)@$($Values.Domain)" } else { $existing.userPrincipalName }
    $body = @{
        tenantFilter      = $tenant
        id                = $existing.id
        userPrincipalName = $upn
        username          = Select-CIPPValue $Values.UserName $existing.username
        displayName       = Select-CIPPValue $Values.DisplayName $existing.displayName
        Domain            = Select-CIPPValue $Values.Domain $existing.primDomain.value
        givenName         = Select-CIPPValue $Values.FirstName $existing.givenName
        surname           = Select-CIPPValue $Values.LastName $existing.surname
        jobTitle          = Select-CIPPValue $Values.Jobtitle $existing.jobTitle
        usageLocation     = Select-CIPPValue $Values.UsageLocation $existing.usageLocation
        businessPhones    = $Values.BusinessPhone ? $Values.BusinessPhone : $existing.businessPhones
        AddToGroups       = & $groupItems $Values.AddToGroups
        RemoveFromGroups  = & $groupItems $Values.RemoveFromGroups
        CopyFrom          = Select-CIPPValue $Values.CopyFrom $existing.CopyFrom
        Country           = Select-CIPPValue $Values.Country $existing.country
        PostalCode        = Select-CIPPValue $Values.PostalCode $existing.postalCode
        CompanyName       = Select-CIPPValue $Values.CompanyName $existing.companyName
        streetAddress     = Select-CIPPValue $Values.StreetAddress $existing.streetAddress
        MobilePhone       = Select-CIPPValue $Values.MobilePhone $existing.mobilePhone
        Department        = Select-CIPPValue $Values.Department $existing.department
        City              = Select-CIPPValue $Values.City $existing.city
        MustChangePass    = Select-CIPPValue $Values.MustChangePass $existing.MustChangePass
    }
    if ($Bound.ContainsKey('AddedAliases')) { $body['AddedAliases'] = $Values.AddedAliases }
    Invoke-CIPPRestMethod -Endpoint '/api/EditUser' -Method 'POST' -Body $body
}
#endregion

#region connection doctor
function Invoke-CIPPApiConnectionTestHook {
    # Test-CIPPApiConnection: the 1.2.12 call, or with -Diagnose the native connection doctor as objects.
    param([hashtable]$Values, $Bound)
    if (-not $Values.Diagnose) {
        return Invoke-CIPPRestMethod -Endpoint '/api/ListApiTest' -Method 'GET'
    }
    $client = Get-CIPPClientInstance
    try {
        $json = & $script:CIPPRequestCommand -Client $client -Task $client.DiagnoseAsync() -Activity 'Test-CIPPApiConnection'
    } catch {
        throw $_   # the engine's error record; a failed diagnosis ends the command
    }
    $report = ConvertFrom-Json -InputObject $json
    $display = [System.Management.Automation.PSPropertySet]::new('DefaultDisplayPropertySet', [string[]]@('Name', 'Status', 'Ms', 'Detail'))
    foreach ($step in @($report.steps)) {
        $item = [pscustomobject]@{
            PSTypeName = 'CIPPAPIModule.DiagnosticStep'
            Name       = [string]$step.name
            Status     = [string]$step.status
            Detail     = [string]$step.detail
            Cause      = [string]$step.cause
            Fix        = [string]$step.fix
            Ms         = [long]$step.ms
        }
        $item.PSObject.Members.Add([System.Management.Automation.PSMemberSet]::new('PSStandardMembers', [System.Management.Automation.PSMemberInfo[]]@($display)))
        if ($item.Status -in 'failed', 'warning') {
            $text = "Connection check '$($item.Name)' $($item.Status): $(if ($item.Cause) { $item.Cause } else { $item.Detail })"
            if ($item.Fix) { $text = $text.TrimEnd() + $(if ($text -match '[.!?]$') { '' } else { '.' }) + " Fix: $($item.Fix)" }
            Write-Warning $text
        }
        $item
    }
}
#endregion

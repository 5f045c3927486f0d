# CIPPAPIModule command catalog: Endpoint commands. Source of truth for Build-Commands.ps1.
@{
    Commands = @(
        # Added in CIPPAPIModule 1.2.13: UseReportDB is always sent, as there.
        @{
            Name = 'Get-CIPPAppProtectionPolicies'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Lists the Intune app protection (MAM) policies of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAppProtectionPolicies'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                UseReportDB = '$UseReportDB.IsPresent'
            }
        }
        # Added in CIPPAPIModule 1.2.13: UseReportDB is always sent, as there.
        @{
            Name = 'Get-CIPPCompliancePolicies'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Lists the Intune device compliance policies of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListCompliancePolicies'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                UseReportDB = '$UseReportDB.IsPresent'
            }
        }
        # Added in CIPPAPIModule 1.2.13: UseReportDB is always sent, as there.
        @{
            Name = 'Get-CIPPIntuneReusableSettings'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Lists the Intune reusable settings (for example firewall rule groups) of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListIntuneReusableSettings'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                UseReportDB = '$UseReportDB.IsPresent'
            }
        }
        @{
            Name = 'Get-CIPPAppStatus'
            Folder = 'Endpoint/Applications'
            Synopsis = 'Gets app status for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAppStatus'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AppFilter'; Type = 'string' }
            )
            Query = @{
                appFilter = '$AppFilter'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPApps'
            Folder = 'Endpoint/Applications'
            Synopsis = 'Gets apps for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listapps'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Get-CIPPAppsRepository'
            Folder = 'Endpoint/Applications'
            Synopsis = 'Gets apps repository.'
            Method = 'POST'
            Endpoint = '/api/ListAppsRepository'
            Parameters = @(
                @{ Name = 'Search'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Repository'; Type = 'string'; Default = "'https://chocolatey.org/api/v2'" }
            )
            Body = @{
                Repository = '$Repository'
                Search = '$Search'
            }
        }
        @{
            Name = 'Get-CIPPPotentialApps'
            Folder = 'Endpoint/Applications'
            Synopsis = 'Gets potential apps.'
            Method = 'POST'
            Endpoint = '/api/ListPotentialApps'
            Parameters = @(
                @{ Name = 'Type'; Type = 'string'; Mandatory = $true; ValidateSet = @('WinGet', 'Choco') }
                @{ Name = 'SearchString'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                SearchString = '$SearchString'
                type = '$Type'
            }
        }
        @{
            Name = 'Remove-CIPPIntuneApp'
            Folder = 'Endpoint/Applications'
            Synopsis = 'Deletes an Intune app from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveApp'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'AppID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                ID = '$AppID'
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: POST but params in query string, body {}
        }
        @{
            Name = 'Remove-CIPPQueuedApp'
            Folder = 'Endpoint/Applications'
            Synopsis = 'Removes an application deployment waiting in CIPP''s application queue.'
            Method = 'POST'
            Endpoint = '/api/RemoveQueuedApp'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ApplicationId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                id = '$ApplicationId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Sync-CIPPVPPTokens'
            Folder = 'Endpoint/Applications'
            Synopsis = 'Synchronises the Apple Volume Purchase Program (VPP) tokens of a customer tenant with Intune.'
            Method = 'POST'
            Endpoint = '/api/ExecSyncVPP'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Add-CIPPAutopilotEnrollment'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Deploys an Autopilot Enrollment Status Page (ESP) configuration to a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/AddEnrollment'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ShowProgress'; Type = 'bool'; Default = '$true' }
                @{ Name = 'BlockDevice'; Type = 'bool'; Default = '$false' }
                @{ Name = 'AllowReset'; Type = 'bool'; Default = '$true' }
                @{ Name = 'EnableLog'; Type = 'bool'; Default = '$false' }
                @{ Name = 'ErrorMessage'; Type = 'string' }
                @{ Name = 'TimeOutInMinutes'; Type = 'int' }
                @{ Name = 'AllowFail'; Type = 'bool'; Default = '$false' }
                @{ Name = 'OBEEOnly'; Type = 'bool'; Default = '$false' }
                @{ Name = 'InstallWindowsUpdates'; Type = 'bool'; Default = '$false' }
            )
            Body = @{
                selectedTenants = '@{ value = $CustomerTenantID }'
                ShowProgress = '$ShowProgress'
                blockDevice = '$BlockDevice'
                AllowReset = '$AllowReset'
                EnableLog = '$EnableLog'
                ErrorMessage = '$ErrorMessage'
                TimeOutInMinutes = '$TimeOutInMinutes'
                AllowFail = '$AllowFail'
                OBEEOnly = '$OBEEOnly'
                InstallWindowsUpdates = '$InstallWindowsUpdates'
            }
        }
        @{
            Name = 'Get-CIPPAutoPilotConfig'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Lists the Autopilot deployment profiles or Enrollment Status Page configurations of a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListGraphRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Type'; Type = 'string'; Mandatory = $true; ValidateSet = @('ESP', 'ApProfile') }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
                endpoint = '$Type -eq ''ESP'' ? ''deviceManagement/deviceEnrollmentConfigurations'' : ''deviceManagement/windowsAutopilotDeploymentProfiles'''
                '$expand' = "'assignments'"
            }
            QueryIf = @{
                '$filter' = @{ If = '$Type -eq ''ESP'''; Value = '"deviceEnrollmentConfigurationType eq ''windows10EnrollmentCompletionPageConfiguration''"' }
            }
            ResultProperty = 'Results'
        }
        @{
            Name = 'Get-CIPPAutoPilotDevices'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Lists the Windows Autopilot device identities registered in a customer tenant.'
            Aliases = @('Set-CIPPPAPDevices')
            Method = 'GET'
            Endpoint = '/api/ListGraphRequest'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            CompatAliases = @('Get-CIPPAPDevices')
            Query = @{
                tenantFilter = '$CustomerTenantID'
                endpoint = "'deviceManagement/windowsAutopilotDeviceIdentities'"
                '$top' = '999'
            }
            ResultProperty = 'Results'
        }
        @{
            Name = 'New-CIPPAutopilotConfig'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Creates an Autopilot deployment profile in one or more tenants.'
            Method = 'POST'
            Endpoint = '/api/AddAutopilotConfig'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'array'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true }
                @{ Name = 'Description'; Type = 'string'; Mandatory = $true }
                @{ Name = 'NotLocalAdmin'; Type = 'bool'; Default = '$false' }
                @{ Name = 'SharedDevice'; Type = 'bool'; Default = '$false' }
                @{ Name = 'AssignTo'; Type = 'bool' }
                @{ Name = 'DeviceNameTemplate'; Type = 'string' }
                @{ Name = 'AllowWhiteGlove'; Type = 'bool'; Default = '$false' }
                @{ Name = 'CollectHash'; Type = 'bool'; Default = '$false' }
                @{ Name = 'HideChangeAccount'; Type = 'bool'; Default = '$false' }
                @{ Name = 'HidePrivacy'; Type = 'bool'; Default = '$false' }
                @{ Name = 'HideTerms'; Type = 'bool'; Default = '$false' }
                @{ Name = 'AutoKeyboard'; Type = 'bool'; Default = '$false' }
                @{ Name = 'Language'; Type = 'string'; Default = "'os-default'" }
            )
            Handler = 'Invoke-CIPPAutopilotConfigHook'
        }
        @{
            Name = 'Remove-CIPPAPDevice'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Deletes a Windows Autopilot device identity from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveAPDevice'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DeviceID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$DeviceID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPAutopilotConfig'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Deletes an Autopilot deployment profile or Enrollment Status Page configuration from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveAutopilotConfig'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ProfileId'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string' }
                @{ Name = 'Assignments'; Type = 'array' }
            )
            Body = @{
                ID = '$ProfileId'
                tenantFilter = '$CustomerTenantID'
            }
            BodyIf = @{
                assignments = '$Assignments'
                displayName = '$DisplayName'
            }
        }
        @{
            Name = 'Rename-CIPPAutopilotDevice'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Sets the device name an Autopilot device gets during deployment.'
            Method = 'POST'
            Endpoint = '/api/ExecRenameAPDevice'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DeviceId'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'SerialNumber'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string'; Mandatory = $true; ValidateLength = @(1, 15); ValidatePattern = '^[A-Za-z0-9-]+$'; ValidateScript = '$_ -notmatch ''^[0-9]+$''' }
            )
            Body = @{
                deviceId = '$DeviceId'
                displayName = '$DisplayName'
                serialNumber = '$SerialNumber'
                tenantFilter = '$CustomerTenantID'
            }
            Example = "Rename-CIPPAutopilotDevice -CustomerTenantID 'contoso.onmicrosoft.com' -DeviceId '3f2c7a9e-5b1d-4c8e-9a6f-2d4b8e1c7f05' -SerialNumber '5CG1234XYZ' -DisplayName 'CONTOSO-SLS-01'"
        }
        @{
            Name = 'Set-CIPPAutoPilotSync'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Starts a Windows Autopilot sync, so Intune fetches newly registered devices.'
            Method = 'POST'
            Endpoint = '/api/ExecSyncAPDevices'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: POST with query param, body {}
        }
        @{
            Name = 'Set-CIPPAutopilotDeviceGroupTag'
            Folder = 'Endpoint/Autopilot'
            Synopsis = 'Sets the group tag of a Windows Autopilot device.'
            Method = 'POST'
            Endpoint = '/api/ExecSetAPDeviceGroupTag'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DeviceId'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'SerialNumber'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GroupTag'; Type = 'string'; Mandatory = $true; ValidateLength = @(0, 128) }
            )
            Body = @{
                deviceId = '$DeviceId'
                groupTag = '$GroupTag'
                serialNumber = '$SerialNumber'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPAssignmentFilterTemplates'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets assignment filter templates.'
            Method = 'GET'
            Endpoint = '/api/ListAssignmentFilterTemplates'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string' }
            )
            QueryIf = @{
                ID = '$ID'
            }
        }
        @{
            Name = 'Get-CIPPAssignmentFilters'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets assignment filters for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListAssignmentFilters'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'FilterId'; Type = 'guid' }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
                filterId = '$FilterId'
            }
        }
        @{
            Name = 'Get-CIPPDeviceDetails'
            DefaultParameterSet = 'ById'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets the details of an Intune device by ID, name or serial number.'
            Method = 'GET'
            Endpoint = '/api/ListDeviceDetails'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DeviceID'; Type = 'string'; Sets = @('ById!') }
                @{ Name = 'DeviceName'; Type = 'string'; Sets = @('ByNameOrSerial!'); Position = 0 }
                @{ Name = 'DeviceSerial'; Type = 'string'; Sets = @('ByNameOrSerial') }
            )
            Validate = 'Assert-CIPPDeviceDetailsArguments'
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                DeviceID = '$DeviceID'
                DeviceName = '$DeviceName'
                DeviceSerial = '$DeviceSerial'
            }
        }
        @{
            Name = 'Get-CIPPGetBitLockerKey'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets the BitLocker recovery key of a device.'
            Method = 'POST'
            Endpoint = '/api/ExecGetRecoveryKey'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GUID'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                GUID = '$GUID'
                tenantFilter = '$CustomerTenantID'
            }
            # contract note: GUID typed [guid]
        }
        @{
            Name = 'Get-CIPPIntuneIntents'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets intune intents for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/listintuneintents'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPIntunePolicy'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Lists Intune policies of a customer tenant, or one policy.'
            Method = 'GET'
            Endpoint = '/api/listintunepolicy'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'PolicyID'; Type = 'string' }
                @{ Name = 'Urlname'; Type = 'string' }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Validate = 'Assert-CIPPIntunePolicyArguments'
            Query = @{
                tenantFilter = '$CustomerTenantID'
                URLName = '$Urlname'
                id = '$PolicyID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Get-CIPPIntuneScript'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets intune script for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListIntuneScript'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UseReportDB'; Type = 'switch' }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
            QueryIf = @{
                UseReportDB = @{ If = '$PSBoundParameters.ContainsKey(''UseReportDB'')'; Value = '$UseReportDB.IsPresent' }
            }
        }
        @{
            Name = 'Get-CIPPIntuneTemplates'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets intune templates.'
            Method = 'GET'
            Endpoint = '/api/listintunetemplates'
            Parameters = @(
                @{ Name = 'TemplateID'; Type = 'string' }
            )
            # Fix (contract section 7 row 3): tenantFilter is always empty (1.2.12 read an undefined variable).
            Query = @{
                tenantFilter = "''"
                id = '$TemplateID'
            }
        }
        @{
            Name = 'Get-CIPPLocalAdminPassword'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Gets the local administrator (LAPS) password of a device.'
            Method = 'POST'
            Endpoint = '/api/ExecGetLocalAdminPassword'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'GUID'; Type = 'guid'; Mandatory = $true }
            )
            Body = @{
                GUID = '$GUID'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPAssignmentFilterTemplate'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Deletes a saved Intune assignment filter template from CIPP.'
            ConfirmImpact = 'High'
            Method = 'POST'
            Endpoint = '/api/RemoveAssignmentFilterTemplate'
            Parameters = @(
                @{ Name = 'ID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                ID = '$ID'
            }
        }
        @{
            Name = 'Remove-CIPPIntuneScript'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Deletes an Intune script from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemoveIntuneScript'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ScriptID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ScriptType'; Type = 'string'; Mandatory = $true; ValidateSet = @('Windows', 'MacOS', 'Remediation', 'Linux') }
                @{ Name = 'DisplayName'; Type = 'string' }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
                ID = '$ScriptID'
                ScriptType = '$ScriptType'
                DisplayName = '[string]::IsNullOrWhiteSpace($DisplayName) ? $ScriptID : $DisplayName'
            }
        }
        @{
            Name = 'Remove-CIPPIntuneTemplate'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Deletes a saved Intune policy template from CIPP.'
            Method = 'POST'
            Endpoint = '/api/RemoveIntuneTemplate'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'TemplateId'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$TemplateId'
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Remove-CIPPMEMPolicy'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Deletes an Intune (Endpoint Manager) policy from a customer tenant.'
            Method = 'POST'
            Endpoint = '/api/RemovePolicy'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'PolicyId'; Type = 'string'; Mandatory = $true }
                @{ Name = 'UrlName'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                ID = '$PolicyId'
                tenantFilter = '$CustomerTenantID'
                URLName = '$UrlName'
            }
        }
        @{
            Name = 'Set-CIPPDeviceAction'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Runs an Intune device action (sync, reboot, scan, wipe, rename, ...).'
            Method = 'GET,POST'
            Endpoint = '/api/ExecDeviceAction'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DeviceID'; Type = 'guid'; Mandatory = $true }
                @{ Name = 'Action'; Type = 'string'; Mandatory = $true; ValidateSet = @('syncDevice', 'rebootNow', 'locateDevice', 'RotateLocalAdminPassword', 'WindowsDefenderFullScan', 'WindowsDefenderQuickScan', 'UpdateWindowsDefender', 'GenerateLogsAndShipToMEM', 'RenameDevice', 'FreshStartRemoveUserData', 'FreshStartDoNotRemoveUserData', 'WipeDeviceKeepEnrollmentData', 'WipeDeviceRemoveEnrollmentData', 'WipeDeviceKeepEnrollmentDataContinueAtPowerloss', 'WipeDeviceRemoveEnrollmentDataContinueAtPowerloss', 'AutopilotReset', 'RetireDevice') }
                @{ Name = 'NewDeviceName'; Type = 'string' }
            )
            Handler = 'Invoke-CIPPDeviceActionHook'
        }
        @{
            Name = 'Set-CIPPMEMPolicy'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Changes the name, description or assignment of an Intune policy.'
            Method = 'POST'
            Endpoint = '/api/editpolicy'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'ID'; Type = 'string'; Mandatory = $true }
                @{ Name = 'DisplayName'; Type = 'string' }
                @{ Name = 'Description'; Type = 'string' }
                @{ Name = 'AssignTo'; Type = 'string'; ValidateSet = @('allLicensedUsers', 'AllDevices', 'AllDevicesAndUsers') }
            )
            # Fix (contract section 7 row 12): also tenantid, groupid and Assignto, which EditPolicy reads.
            BodyIf = @{
                Assignto = '$AssignTo'
            }
            Body = @{
                tenantid = '$CustomerTenantID'
                groupid = '$ID'
                description = '$Description'
                displayname = '$DisplayName'
                ID = '$ID'
                Tenant = '$CustomerTenantID'
            }
            # 1.2.12 never sent AssignTo and keyed the tenant as "Tenant" (kept); the Fix above adds the keys EditPolicy reads.
        }
        @{
            Name = 'Sync-CIPPDEPTokens'
            Folder = 'Endpoint/MEM'
            Synopsis = 'Synchronises DEP tokens.'
            Method = 'POST'
            Endpoint = '/api/ExecSyncDEP'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Body = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
        @{
            Name = 'Get-CIPPDevices'
            Folder = 'Endpoint/Reports'
            Synopsis = 'Gets devices for a customer tenant.'
            Method = 'GET'
            Endpoint = '/api/ListDevices'
            Parameters = @(
                @{ Name = 'CustomerTenantID'; Type = 'string'; Mandatory = $true }
            )
            Query = @{
                tenantFilter = '$CustomerTenantID'
            }
        }
    )
}

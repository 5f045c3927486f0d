# Derived from CIPP's OpenAPI spec by powershell/tools/derive-endpoint-help.py; do not edit by hand.
# Per endpoint: Description (what it does), Returns (Array, Object, Results, GraphResults) and
# Properties (some properties of each returned object). Read by Build-Commands.ps1 for command help.
@{
    Endpoints = @{
        'addautopilotconfig' = @{ Returns = 'Results' }
        'addcontact' = @{ Returns = 'Results' }
        'addenrollment' = @{ Returns = 'Results' }
        'addequipmentmailbox' = @{ Returns = 'Object'; Properties = 'Results' }
        'addexconnector' = @{ Returns = 'Results' }
        'addguest' = @{ Returns = 'Results' }
        'addroommailbox' = @{ Returns = 'Object'; Properties = 'Results' }
        'addsharedmailbox' = @{ Returns = 'Results' }
        'addsite' = @{ Returns = 'Results' }
        'addteam' = @{ Returns = 'Results' }
        'addtenantallowblocklist' = @{ Returns = 'Results' }
        'addtransportrule' = @{ Returns = 'Results' }
        'adduser' = @{ Returns = 'Object'; Properties = 'CopyFrom, Results, User' }
        'bestpracticeanalyser_list' = @{ Description = 'Returns the cached Best Practice Analyser results for every tenant. The BPA is populated by a scheduled job, so this reads the last run rather than evaluating anything; if it has never run, a single placeholder row saying so is returned.'; Returns = 'Array' }
        'deletesharepointsite' = @{ Returns = 'Results' }
        'domainanalyser_list' = @{ Description = 'Returns the cached Domain Analyser results: the DNS health of each tenant''s domains, covering MX, SPF, DKIM, DMARC and DNSSEC. Populated by a scheduled job, so this reads the last run rather than resolving DNS live. tenantFilter=AllTenants returns every tenant''s domains.'; Returns = 'Array'; Properties = 'RowKey, DkimSelectors, DomainAnalyser, ETag, MailProviders, PartitionKey' }
        'editcapolicy' = @{ Returns = 'Results' }
        'editcontact' = @{ Returns = 'Results' }
        'editexconnector' = @{ Returns = 'Results' }
        'editpolicy' = @{ Returns = 'Object'; Properties = 'createdDateTime, description, displayName, id, lastModifiedDateTime, policyConfigurationIngestionType' }
        'editspamfilter' = @{ Returns = 'Results' }
        'edittransportrule' = @{ Returns = 'Results' }
        'edituser' = @{ Returns = 'Object'; Properties = 'Results' }
        'execaccesschecks' = @{ Description = 'Runs the CIPP deployment''s self-diagnostics and returns the result. Type selects the check: ''Permissions'' verifies the SAM application''s Graph permissions, ''Tenants'' tests access to each tenant, and ''GDAP'' inspects the GDAP relationships and role mappings. Results are cached for an hour unless SkipCache is true.'; Returns = 'Object'; Properties = 'Data, ETag, Metadata, PartitionKey, Results, RowKey' }
        'execalertslist' = @{ Description = 'Lists Microsoft 365 Defender security alerts for a tenant. tenantFilter=AllTenants reads the cached alert table instead of querying each tenant live, so those results are as fresh as the last cache run.'; Returns = 'Object'; Properties = 'activityGroupName, Alert, alertDetections, assignedTo, azureSubscriptionId, azureTenantId' }
        'execapipermissionlist' = @{ Description = 'Lists every CIPP API endpoint grouped by the role that gates it. Backs the permission picker in the custom role editor.'; Returns = 'Object' }
        'execbeccheck' = @{ Description = 'Returns the business email compromise assessment for a user: recent sign-ins, mailbox rules, added applications and password changes. If no cached result exists the check is queued as a background job and the response reports it as waiting, so poll rather than expecting results on the first call. Pass overwrite=true to force a fresh run.'; Returns = 'Object'; Properties = 'Batch, ETag, OrchestratorName, PartitionKey, Results, RowKey' }
        'execbecremediate' = @{ Returns = 'Object'; Properties = 'Results' }
        'execbreachsearch' = @{ Description = 'Queues a breach search for a tenant against Have I Been Pwned. The search runs as a background job and can take up to 24 hours; this returns as soon as it is queued, not with the results. Read the results with ListBreachesTenant.'; Returns = 'Results' }
        'execcippreplacemap' = @{ Returns = 'Results' }
        'execclrimmid' = @{ Returns = 'Results' }
        'execconvertmailbox' = @{ Returns = 'Results' }
        'execcopyforsent' = @{ Returns = 'Results' }
        'execcpvpermissions' = @{ Returns = 'Results' }
        'execcreatetap' = @{ Returns = 'Results' }
        'execdeletegdaprelationship' = @{ Returns = 'Results' }
        'execdeviceaction' = @{ Returns = 'Results' }
        'execdevicedelete' = @{ Returns = 'Results' }
        'execdisableuser' = @{ Returns = 'Results' }
        'execdismissriskyuser' = @{ Returns = 'Results' }
        'execdomainanalyser' = @{ Returns = 'Object'; Properties = 'Results' }
        'execeditcalendarpermissions' = @{ Returns = 'Results' }
        'execeditmailboxpermissions' = @{ Returns = 'Object'; Properties = 'Results' }
        'execemailforward' = @{ Returns = 'Results' }
        'execenablearchive' = @{ Returns = 'Object'; Properties = 'Results' }
        'execexcludelicenses' = @{ Returns = 'Object'; Properties = 'ETag, ExcludedEverywhere, GUID, PartitionKey, Product_Display_Name, RowKey' }
        'execexcludetenant' = @{ Returns = 'Object'; Properties = 'customerId, defaultDomainName, delegatedPrivilegeStatus, directTenantAuthDate, directTenantUserPrincipalName, displayName' }
        'execextensionmapping' = @{ Returns = 'Object' }
        'execextensionninjaonequeue' = @{ Returns = 'Object'; Properties = 'Body, StatusCode' }
        'execgdapinvite' = @{ Returns = 'Object'; Properties = 'accessDetails, activatedDateTime, autoExtendDuration, createdDateTime, customer, displayName' }
        'execgeoiplookup' = @{ Description = 'Resolves a single IP address to its geographic location using CIPP''s bundled GeoIP database.'; Returns = 'Object' }
        'execgetlocaladminpassword' = @{ Description = 'Retrieves the Windows LAPS local administrator password for a device, identified by its Entra device GUID. Returns a live credential in plain text; the retrieval is written to the CIPP audit log.'; Returns = 'Object'; Properties = 'Results' }
        'execgetrecoverykey' = @{ Description = 'Retrieves a device''s disk encryption recovery key by device GUID. RecoveryKeyType selects BitLocker (the default) or FileVault. Returns a live recovery key in plain text; the retrieval is written to the CIPP audit log.'; Returns = 'Results' }
        'execgroupsdelete' = @{ Returns = 'Results' }
        'execgroupsdeliverymanagement' = @{ Returns = 'Results' }
        'execgroupshidefromgal' = @{ Returns = 'Results' }
        'exechidefromgal' = @{ Returns = 'Results' }
        'execincidentslist' = @{ Description = 'Lists Microsoft 365 Defender security incidents for a tenant, optionally bounded by StartDate and EndDate (both YYYYMMDD). tenantFilter=AllTenants reads the cached incident table rather than querying each tenant live.'; Returns = 'Object'; Properties = 'Alert, AssignedTo, classification, comments, Created, createdDateTime' }
        'execlistbackup' = @{ Description = 'Lists stored CIPP backups, optionally narrowed by Type, tenantFilter or BackupName. NameOnly=true returns just the backup names and the items each one contains, without the backup payload.'; Returns = 'Array' }
        'execmailboxmobiledevices' = @{ Returns = 'Object'; Properties = 'Results' }
        'execoffboarduser' = @{ Returns = 'Object'; Properties = 'Results' }
        'execonedriveprovision' = @{ Returns = 'Results' }
        'execonedriveshortcut' = @{ Returns = 'Results' }
        'execpasswordconfig' = @{ Returns = 'Object'; Properties = 'appendNumber, appendSpecialChar, capitalizeWords, charCount, ETag, includeDigits' }
        'execpasswordneverexpires' = @{ Returns = 'Results' }
        'execperusermfa' = @{ Returns = 'Results' }
        'execquarantinemanagement' = @{ Returns = 'Object'; Properties = 'Results' }
        'execremoverestricteduser' = @{ Description = 'Removes a user from the restricted senders list in Exchange Online.'; Returns = 'Results' }
        'execrenameapdevice' = @{ Returns = 'Results' }
        'execresetmfa' = @{ Returns = 'Results' }
        'execresetpass' = @{ Returns = 'Results' }
        'execrestoredeleted' = @{ Returns = 'Results' }
        'execrevokesessions' = @{ Returns = 'Results' }
        'execschedulerbillingrun' = @{ Returns = 'Object'; Properties = 'config, ETag, PartitionKey, RowKey, Timestamp' }
        'execsendpush' = @{ Description = 'Sends a test MFA push notification to a user''s authenticator app and reports whether it was approved. Used to confirm a user''s MFA registration works. This causes a real prompt on the user''s device.'; Returns = 'Object'; Properties = 'Results' }
        'execsetapdevicegrouptag' = @{ Returns = 'Results' }
        'execsetlitigationhold' = @{ Returns = 'Results' }
        'execsetmailboxemailsize' = @{ Returns = 'Results' }
        'execsetmailboxlocale' = @{ Returns = 'Results' }
        'execsetmailboxquota' = @{ Returns = 'Object'; Properties = 'Results' }
        'execsetooo' = @{ Returns = 'Results' }
        'execsetrecipientlimits' = @{ Returns = 'Results' }
        'execsetretentionhold' = @{ Returns = 'Results' }
        'execsetsharepointmember' = @{ Description = 'Adds or removes a user in a SharePoint site role (Owners, Members or Visitors). Group-connected sites manage Owners/Members through the backing M365 group via Graph; Visitors (and classic/communication sites entirely) are managed through the site''s associated SharePoint role groups via the SharePoint REST API using certificate authentication. Removals sourced from ListSiteMembers carry the group and type of the selected entry, so users directly added to a role group on a group-connected site are removed from that group rather than from the M365 group.'; Returns = 'Results' }
        'execsharepointperms' = @{ Returns = 'Results' }
        'execstandardsrun' = @{ Returns = 'Object'; Properties = 'ETag, GUID, JSON, Package, PartitionKey, Permissions' }
        'execstartmanagedfolderassistant' = @{ Returns = 'Object'; Properties = 'Results' }
        'execsyncapdevices' = @{ Returns = 'Object'; Properties = 'Results' }
        'execsyncdep' = @{ Description = 'Syncs devices from Apple Business Manager to Intune'; Returns = 'Results' }
        'execsyncvpp' = @{ Returns = 'Results' }
        'exectenantgroup' = @{ Description = 'This function is used to manage tenant groups in CIPP'; Returns = 'Object' }
        'execuniversalsearch' = @{ Description = 'Searches every tenant for a user by display name or user principal name, using a cross-tenant Graph query. Superseded by ExecUniversalSearchV2, which searches the cached data and covers groups, applications and licences as well.'; Returns = 'Array' }
        'getcippalerts' = @{ Description = 'Returns the CIPP dashboard banner notifications: any hosted maintenance notice, today''s most recent entries from the alert log, and warnings for an out-of-date or misconfigured deployment.'; Returns = 'Object' }
        'getversion' = @{ Description = 'Compares the caller''s reported CIPP version against the latest published release and reports whether the frontend or the API is out of date.'; Returns = 'Object' }
        'listadminportallicenses' = @{ Description = 'Retrieves license information from the Microsoft 365 Admin Portal for a tenant, including low-friction trial allotments.'; Returns = 'Array' }
        'listalertsqueue' = @{ Description = 'Lists configured alert rules including webhook rules and scheduled alert tasks, showing their configuration and tenant scope.'; Returns = 'Array'; Properties = 'Actions, AlertComment, Conditions, EventType, excludedTenants, RepeatsEvery' }
        'listalltenantdevicecompliance' = @{ Description = 'Lists device compliance summary across all managed tenants using the Lighthouse managedDeviceCompliances API, or for a single tenant via Intune.'; Returns = 'Array'; Properties = 'id, complianceStatus, deviceType, inGracePeriodUntilDateTime, lastRefreshedDateTime, lastSyncDateTime' }
        'listantiphishingfilters' = @{ Description = 'Lists anti-phishing policies and their associated rules configured in Exchange Online Protection.'; Returns = 'Array'; Properties = 'Name, AuthenticationFailAction, EnableFirstContactSafetyTips, EnableMailboxIntelligence, EnableMailboxIntelligenceProtection, EnableOrganizationDomainsProtection' }
        'listapitest' = @{ Description = 'Returns debug information about the current API request, trigger metadata, and environment variables. Used for CIPP platform diagnostics.'; Returns = 'Array' }
        'listappapprovaltemplates' = @{ Description = 'Lists saved application approval templates for standardized app consent configurations.'; Returns = 'Array'; Properties = 'GUID, RowKey, AppId, AppName, AppType, Error' }
        'listappconsentrequests' = @{ Description = 'Lists pending application consent requests in a tenant, filterable by request status.'; Returns = 'Array'; Properties = 'appDisplayName, appId, consentUrl, requestDate, requestReason, requestStatus' }
        'listapplicationqueue' = @{ Description = 'Lists queued Intune application deployments that are pending assignment to tenants.'; Returns = 'Array'; Properties = 'id, status, applicationName, assignTo, cmdLine, tenantName' }
        'listappprotectionpolicies' = @{ Description = 'Lists Intune app protection policies for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, lastModifiedDateTime, PolicyAssignment, PolicyExclude, PolicyTypeName' }
        'listapps' = @{ Description = 'Lists Intune managed applications for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, createdDateTime, AppAssignment, AppExclude, lastModifiedDateTime, publishingState' }
        'listappsrepository' = @{ Description = 'Searches external application repositories (WinGet, Chocolatey, etc.) for available application packages.'; Returns = 'Array'; Properties = 'applicationName, author, created, customRepo, description, packagename' }
        'listappstatus' = @{ Description = 'Lists Intune application installation status across devices for a specific application, including install state and error codes.'; Returns = 'Array' }
        'listassignmentfilters' = @{ Description = 'Lists Intune assignment filters for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'id, displayName, createdDateTime, assignmentFilterManagementType, description, lastModifiedDateTime' }
        'listassignmentfiltertemplates' = @{ Description = 'Lists the saved Intune assignment filter templates, each with its platform, filter rule and management type. Pass ID to return a single template. These are CIPP templates, not a tenant''s deployed filters.'; Returns = 'Array'; Properties = 'displayName, GUID, RowKey, assignmentFilterManagementType, description, ETag' }
        'listauditlogs' = @{ Description = 'Lists audit log entries from the CIPP audit log store, filterable by tenant, date range, and log ID.'; Returns = 'Array'; Properties = 'Tenant, Data, LogId, Timestamp, Title' }
        'listauditlogsearches' = @{ Description = 'Lists or creates Microsoft 365 Unified Audit Log searches for a tenant, with support for retrieving search results.'; Returns = 'Array'; Properties = 'DisplayName, status, Tenant, RowKey, CippStatus, EndTime' }
        'listauditlogtest' = @{ Description = 'Tests audit log webhook rules against a specific search to validate rule matching and alert triggering.'; Returns = 'Array' }
        'listazureadconnectstatus' = @{ Description = 'Retrieves Entra ID Connect (Azure AD Connect) synchronization status and configuration for a tenant, including sync intervals, password sync, and pass-through authentication settings.'; Returns = 'Array'; Properties = 'id, displayName, createdDateTime, AzureADConnectSettings, dirSyncEnabled, numberOfHoursFromLastSync' }
        'listbasicauth' = @{ Description = 'Lists sign-in events using basic authentication (legacy protocols) for a tenant from the audit logs.'; Returns = 'Array'; Properties = 'userPrincipalName, Tenant, RowKey, clientAppUsed, ETag, MetaData' }
        'listbpa' = @{ Description = 'Lists Best Practice Analyser (BPA) report results for tenants, based on a selected BPA template.'; Returns = 'Array'; Properties = 'GUID, RowKey, Columns, Data, ETag, JSON' }
        'listbpatemplates' = @{ Description = 'Lists available Best Practice Analyser (BPA) templates that define which checks to run.'; Returns = 'Array'; Properties = 'Name, GUID, RowKey, ETag, JSON, Package' }
        'listbreachesaccount' = @{ Description = 'Checks an email account or domain against the Have I Been Pwned (HIBP) breach database.'; Returns = 'Array' }
        'listbreachestenant' = @{ Description = 'Lists cached data breach results for user accounts in a tenant from the CIPP breach monitoring cache.'; Returns = 'Array'; Properties = 'RowKey, breaches, email, ETag, PartitionKey, password' }
        'listcalendarpermissions' = @{ Description = 'Lists calendar permissions for mailboxes in a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'Identity, AccessRights, FolderName, MailboxInfo, User' }
        'listcatemplates' = @{ Description = 'Lists saved Conditional Access policy templates for deploying standardized CA configurations.'; Returns = 'Array'; Properties = 'displayName, GUID, RowKey, ETag, JSON, label' }
        'listcheckextalerts' = @{ Description = 'Lists extension alert check results from third-party integrations for a tenant.'; Returns = 'Array'; Properties = 'RowKey, ETag, message, PartitionKey, potentialUserDisplayName, potentialUserName' }
        'listcippqueue' = @{ Description = 'Lists active and recent CIPP background processing queue items and their status.'; Returns = 'Array' }
        'listcommunityrepos' = @{ Description = 'This function lists community repositories in Table Storage'; Returns = 'Array'; Properties = 'Name, RowKey, BuiltIn, DefaultBranch, Description, ETag' }
        'listcompliancepolicies' = @{ Description = 'Lists Intune device compliance policies for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, description, lastModifiedDateTime, PolicyAssignment, PolicyExclude, PolicyTypeName' }
        'listconditionalaccesspolicies' = @{ Description = 'Lists Conditional Access policies for a tenant with resolved display names for users, groups, applications, and locations.'; Returns = 'Array'; Properties = 'displayName, state, Tenant, RowKey, builtInControls, clientAppTypes' }
        'listconditionalaccesspolicychanges' = @{ Description = 'Lists audit log entries showing changes to a specific Conditional Access policy, including before/after values.'; Returns = 'Array'; Properties = 'id, activityDateTime, activityDisplayName, additionalDetails, category, correlationId' }
        'listconnectionfilter' = @{ Description = 'Lists hosted connection filter policies (IP allow/block lists) in Exchange Online Protection.'; Returns = 'Array'; Properties = 'Name, EnableSafeList, IPAllowList, IPBlockList, IsDefault' }
        'listconnectionfiltertemplates' = @{ Description = 'Lists saved connection filter policy templates for Exchange Online Protection.'; Returns = 'Array'; Properties = 'name, GUID, RowKey, EnableSafeList, ETag, IPAllowList' }
        'listcontactpermissions' = @{ Description = 'Lists folder-level permissions on a user''s Contacts folder in Exchange Online.'; Returns = 'Array'; Properties = 'Identity, AccessRights, FolderName, MailboxInfo, User' }
        'listcontacts' = @{ Description = 'Lists Exchange Online mail contacts for a tenant, with optional filtering by contact ID for detailed view.'; Returns = 'Array'; Properties = 'DisplayName, City, Company, Department, FirstName, Guid' }
        'listcontacttemplates' = @{ Description = 'Lists saved mail contact templates used for creating new Exchange contacts.'; Returns = 'Array'; Properties = 'displayName, GUID, RowKey, companyName, email, ETag' }
        'listcsplicenses' = @{ Description = 'Lists CSP (Cloud Solution Provider) license subscriptions for a tenant via the Sherweb integration.'; Returns = 'Array'; Properties = 'commitmentTerm.renewalConfiguration.renewalDate, productName, purchaseDate, quantity, sku, TermInfo' }
        'listcspsku' = @{ Description = 'Lists available CSP SKUs and current subscriptions for a tenant via the Sherweb integration.'; Returns = 'Array'; Properties = 'name, sku' }
        'listcustomdatamappings' = @{ Description = 'Lists custom data mappings that define how external data sources map to CIPP directory objects, filterable by source type, directory object, and tenant.'; Returns = 'Array'; Properties = 'id, RowKey, customDataAttribute, dataset, directoryObject, ETag' }
        'listcustomrole' = @{ Description = 'Lists custom RBAC roles defined in CIPP, including their permission sets and associated access role groups.'; Returns = 'Array' }
        'listdefenderstate' = @{ Description = 'Lists Microsoft Defender antivirus state and detected threats for Intune-managed devices in a tenant.'; Returns = 'Array'; Properties = 'id, userPrincipalName, aadRegistered, activationLockBypassCode, androidSecurityPatchLevel, autopilotEnrolled' }
        'listdefendertvm' = @{ Description = 'Lists software vulnerabilities from Microsoft Defender Threat and Vulnerability Management (TVM), grouped by CVE ID.'; Returns = 'Array'; Properties = 'affectedDevices, affectedDevicesCount, cveId, cvssScore, exploitabilityLevel, osPlatform' }
        'listdeleteditems' = @{ Description = 'Lists soft-deleted directory objects in Entra ID, including users, groups, applications, service principals, and administrative units.'; Returns = 'Array' }
        'listdevicedetails' = @{ Description = 'Retrieves detailed information about a specific Intune-managed device by ID, name, or serial number.'; Returns = 'Array'; Properties = 'id, displayName, state, description, UserPrincipalName, version' }
        'listdevices' = @{ Description = 'Lists Intune-managed devices for a tenant, including device compliance and configuration status.'; Returns = 'Array'; Properties = 'id, userPrincipalName, aadRegistered, activationLockBypassCode, androidSecurityPatchLevel, autopilotEnrolled' }
        'listdirectoryobjects' = @{ Description = 'Resolves Entra ID directory objects by their IDs using the directoryObjects/getByIds batch endpoint. Accepts an array of object IDs in the request body.'; Returns = 'Array' }
        'listdomainanalyser' = @{ Description = 'Lists domain analysis results (SPF, DKIM, DMARC, DNSSEC) for tenant domains.'; Returns = 'Array'; Properties = 'DKIMEnabled, DMARCActionPolicy, DMARCPercentagePass, DMARCPresent, DNSSECPresent, Domain' }
        'listdomainhealth' = @{ Description = 'Performs real-time DNS health checks (MX, SPF, DMARC, DKIM, DNSSEC, MTA-STS, HTTPS) for a specific domain.'; Returns = 'Array'; Properties = 'Results' }
        'listdomains' = @{ Description = 'Lists verified domains for a tenant, showing default and initial domain status.'; Returns = 'Array'; Properties = 'id, isdefault, isinitial' }
        'listemptyresults' = @{ Description = 'Returns an empty results array. Used as a placeholder endpoint.'; Returns = 'Array' }
        'listequipment' = @{ Description = 'Lists equipment mailboxes (projectors, vehicles, etc.) in Exchange Online for a tenant.'; Returns = 'Array'; Properties = 'DisplayName, PrimarySmtpAddress, state, allowConflicts, allowRecurringMeetings, automateProcessing' }
        'listexchangeconnectors' = @{ Description = 'Lists inbound and outbound mail flow connectors configured in Exchange Online.'; Returns = 'Array'; Properties = 'Name, cippconnectortype, Comment, Enabled, IsTransportRuleScoped, SenderIPAddresses' }
        'listexconnectortemplates' = @{ Description = 'Lists saved Exchange connector templates for creating inbound/outbound connectors.'; Returns = 'Array'; Properties = 'name, GUID, RowKey, cippconnectortype, ETag, JSON' }
        'listexorequest' = @{ Description = 'Executes an arbitrary read-only Exchange Online cmdlet (Get-* or Search-*) for a tenant. Accepts cmdlet name and parameters in the request body.'; Returns = 'Array'; Properties = 'Cmdlet, Metadata, Results' }
        'listextensioncachedata' = @{ Description = 'This function is used to list the extension cache data.'; Returns = 'Array' }
        'listextensionsconfig' = @{ Description = 'Lists the current CIPP extension configuration, including settings for HaloPSA, NinjaOne, Hudu, and other integrations.'; Returns = 'Array'; Properties = 'RowKey, config, ETag, PartitionKey, Timestamp' }
        'listextensionsync' = @{ Description = 'Lists extension synchronization tasks and their status, including last sync results for configured third-party integrations (Hudu, Halo, NinjaOne, etc.).'; Returns = 'Array'; Properties = 'Name, Tenant, RowKey, AdditionalProperties, AlertComment, Command' }
        'listexternaltenantinfo' = @{ Description = 'Looks up publicly available tenant information for an external Entra ID tenant by domain or tenant ID.'; Returns = 'Array' }
        'listfunctionparameters' = @{ Description = 'Lists the CIPP PowerShell functions that can be run from the scheduler, with each one''s parameters and help text. Filter with Module or Function. Internal and entrypoint functions are excluded, so this is the set of commands a scheduled task may call.'; Returns = 'Array'; Properties = 'Name, Description, Function, Functionality, Parameters, Required' }
        'listfunctionstats' = @{ Description = 'Lists execution statistics for CIPP functions, including timing and performance metrics, filterable by function type and time range.'; Returns = 'Array'; Properties = 'Name, RowKey, AvgSeconds, Duration, DurationMS, End' }
        'listgdapaccessassignments' = @{ Description = 'Lists GDAP access assignments for a specific delegated admin relationship, including security group members and their role mappings.'; Returns = 'Array'; Properties = 'id, createdDateTime, status, group, members, modifiedDateTime' }
        'listgdapinvite' = @{ Description = 'Lists GDAP relationship invitations and their role mappings, optionally filtered by relationship ID.'; Returns = 'Array'; Properties = 'RowKey, ETag, InviteUrl, OnboardingUrl, PartitionKey, Reference' }
        'listgdaproles' = @{ Description = 'Lists the configured GDAP role-to-security-group mappings used for delegated admin access.'; Returns = 'Array'; Properties = 'state, RowKey, ETag, GroupId, GroupName, PartitionKey' }
        'listgenerictestfunction' = @{ Description = 'Returns the original request URL for debugging purposes. Used for CIPP platform diagnostics.'; Returns = 'Array' }
        'listgithubreleasenotes' = @{ Description = 'Returns release metadata for the provided repository and semantic version. Hotfix versions (e.g. v8.5.2) map back to the base release tag (v8.5.0).'; Returns = 'Array'; Properties = 'RowKey, ETag, GitHubReleases, PartitionKey, Timestamp' }
        'listglobaladdresslist' = @{ Description = 'Lists all recipients in the Exchange Online Global Address List, including display names, email addresses, and recipient types.'; Returns = 'Array'; Properties = 'DisplayName, PrimarySmtpAddress, HiddenFromAddressListsEnabled, IsDirSynced, RecipientTypeDetails' }
        'listgraphbulkrequest' = @{ Description = 'Executes multiple Microsoft Graph API requests in a single batch call for a given tenant. Accepts an array of request objects in the body.'; Returns = 'Array' }
        'listgraphexplorerpresets' = @{ Description = 'Lists saved Graph Explorer query presets for the current user or shared presets.'; Returns = 'Results' }
        'listgraphrequest' = @{ Description = 'Proxies an arbitrary Microsoft Graph API GET request for a tenant. Supports custom endpoints, filters, pagination, and field selection via query parameters.'; Returns = 'GraphResults' }
        'listgroups' = @{ Description = 'Lists Entra ID groups for a tenant, including group members and owners. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'id, displayName, mail, createdDateTime, Tenant, allowExternal' }
        'listgrouptemplates' = @{ Description = 'Lists the saved group templates, each with its display name, description and group type. Pass id to return a single template. These are CIPP templates, not a tenant''s existing groups.'; Returns = 'Array'; Properties = 'displayName, GUID, RowKey, aliases, allowExternal, description' }
        'listhaloclients' = @{ Description = 'Lists client records from the configured HaloPSA instance for tenant mapping purposes.'; Returns = 'Array'; Properties = 'RowKey, config, ETag, label, PartitionKey, Timestamp' }
        'listhveaccounts' = @{ Description = 'Lists High Volume Email (HVE) accounts and billing policies for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, primarySmtpAddress, Tenant, AdditionalEmailAddresses, Alias, Authentication' }
        'listinactiveaccounts' = @{ Description = 'Lists user accounts that have not signed in for a configurable number of days (default 180), based on sign-in activity data.'; Returns = 'Array'; Properties = 'displayName, userPrincipalName, Tenant, daysSinceLastSignIn, lastNonInteractiveSignInDateTime, lastSignInDateTime' }
        'listintuneintents' = @{ Description = 'Lists Intune security baseline and endpoint protection intents (legacy template-based policies) with their settings and categories.'; Returns = 'Array'; Properties = 'id, displayName, description, isAssigned, isMigratingToConfigurationPolicy, lastModifiedDateTime' }
        'listintunepolicy' = @{ Description = 'Lists Intune device configuration policies for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, description, lastModifiedDateTime, PolicyAssignment, PolicyExclude, PolicyTypeName' }
        'listintunereusablesettings' = @{ Description = 'Lists Intune reusable policy settings for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Results' }
        'listintunescript' = @{ Description = 'Lists Intune device management scripts (Windows, macOS, Linux, and remediation scripts) for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, description, lastModifiedDateTime, runAsAccount, ScriptAssignment, ScriptExclude' }
        'listintunetemplates' = @{ Description = 'Lists the saved Intune policy templates. On first call the templates shipped with CIPP are imported into the templates table. These are CIPP templates, not a tenant''s deployed policies.'; Returns = 'Array'; Properties = 'displayName, RowKey, description, ETag, guid, isSynced' }
        'listipwhitelist' = @{ Description = 'Lists trusted IP addresses configured in CIPP for IP-based access control.'; Returns = 'Array' }
        'listjitadmin' = @{ Description = 'List Just-in-time admin users for a tenant or all tenants.'; Returns = 'Results' }
        'listknownipdb' = @{ Description = 'Lists known IP address entries from the CIPP IP database, optionally filtered by tenant.'; Returns = 'Array' }
        'listlicenses' = @{ Description = 'Lists Microsoft 365 license SKUs and their assigned/available counts for a tenant. For AllTenants queries, consider using ListDBCache for better performance.'; Returns = 'Array'; Properties = 'Tenant, RowKey, ETag, License, PartitionKey, Timestamp' }
        'listmailboxcas' = @{ Description = 'Lists Client Access Settings (CAS) for Exchange Online mailboxes, showing which protocols are enabled (OWA, IMAP, POP, MAPI, EWS, ActiveSync).'; Returns = 'Array'; Properties = 'DisplayName, PrimarySmtpAddress, ActiveSyncEnabled, ECPEnabled, EwsEnabled, Guid' }
        'listmailboxes' = @{ Description = 'Lists Exchange Online mailboxes for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, UPN, primarySmtpAddress, AdditionalEmailAddresses, ArchiveEnabled, ArchiveGuid' }
        'listmailboxforwarding' = @{ Description = 'Lists mailbox forwarding rules and configurations for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'DisplayName, UPN, PrimarySmtpAddress, DeliverToMailboxAndForward, ForwardingSmtpAddress, ForwardingType' }
        'listmailboxmobiledevices' = @{ Description = 'Lists mobile devices associated with a specific Exchange Online mailbox.'; Returns = 'Array'; Properties = 'status, clientType, clientVersion, deviceAccessState, deviceFriendlyName, deviceID' }
        'listmailboxpermissions' = @{ Description = 'Lists mailbox permissions (Full Access, Send As, Send on Behalf) for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'Permissions, User' }
        'listmailboxrestores' = @{ Description = 'Lists mailbox restore requests and their status for Exchange Online, with optional statistics for a specific restore operation.'; Returns = 'Array'; Properties = 'Name, Status, TargetMailbox, WhenChanged, WhenCreated' }
        'listmailboxrules' = @{ Description = 'Lists inbox rules configured on mailboxes in a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'Name, Tenant, RowKey, Enabled, ETag, From' }
        'listmailquarantine' = @{ Description = 'Lists quarantined email messages in Exchange Online Protection for a tenant.'; Returns = 'Array'; Properties = 'Tenant, RowKey, ETag, Metadata, PartitionKey, PolicyName' }
        'listmailquarantinemessage' = @{ Description = 'Exports and retrieves the raw EML content of a specific quarantined email message by its Identity.'; Returns = 'Array' }
        'listmalwarefilters' = @{ Description = 'Lists malware filter policies and their associated rules configured in Exchange Online Protection.'; Returns = 'Array'; Properties = 'Name, EnableExternalSenderAdminNotifications, EnableFileFilter, EnableInternalSenderAdminNotifications, ExternalSenderAdminAddress, FileTypeAction' }
        'listmdeonboarding' = @{ Description = 'Lists Microsoft Defender for Endpoint onboarding status for devices in a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance. Automatically uses the reporting database when querying AllTenants.'; Returns = 'Array'; Properties = 'Tenant, androidEnabled, androidMobileApplicationManagementEnabled, CacheTimestamp, iosEnabled, iosMobileApplicationManagementEnabled' }
        'listmessagetrace' = @{ Description = 'Traces email message delivery in Exchange Online, searchable by message ID, sender, recipient, and date range.'; Returns = 'Array'; Properties = 'Action, Date, Detail, Event, FromIP, MessageTraceId' }
        'listmfausers' = @{ Description = 'Lists users and their MFA registration status for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'UPN, Tenant, RowKey, AccountEnabled, CAPolicies, CoveredByCA' }
        'listnamedlocations' = @{ Description = 'Lists Conditional Access named locations (IP ranges and country-based locations) configured in a tenant.'; Returns = 'Array'; Properties = 'id, displayName, createdDateTime, deletedDateTime, includeUnknownCountriesAndRegions, isTrusted' }
        'listnotificationconfig' = @{ Description = 'Retrieves the CIPP notification configuration, including alert channels, severity filters, and notification targets.'; Returns = 'Array'; Properties = 'Tenant, RowKey, AffectedUser, AlertText, AlertTitle, Data' }
        'listoauthapps' = @{ Description = 'Lists OAuth application consent grants and permissions for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'Name, Tenant, ApplicationID, ObjectID, Scope, StartTime' }
        'listooo' = @{ Description = 'Retrieves Out of Office (automatic reply) settings for a specific Exchange Online user.'; Returns = 'Array' }
        'listorg' = @{ Description = 'Retrieves the Entra ID organization profile for a tenant, including display name, addresses, and tenant metadata.'; Returns = 'Array'; Properties = 'id, displayName, createdDateTime, state, assignedPlans, businessPhones' }
        'listpartnerrelationships' = @{ Description = 'Lists cross-tenant access policy partner configurations for a tenant, showing delegated admin and collaboration settings.'; Returns = 'Array'; Properties = 'Results' }
        'listpendingwebhooks' = @{ Description = 'Lists pending incoming webhook events that have not yet been processed by CIPP.'; Returns = 'Results' }
        'listperusermfa' = @{ Description = 'Lists per-user MFA state (enabled, enforced, disabled) for users in a tenant via the legacy MFA management API.'; Returns = 'Array' }
        'listpotentialapps' = @{ Description = 'Searches application repositories (WinGet, Chocolatey) for available applications matching a search string.'; Returns = 'Array'; Properties = 'applicationName, packagename' }
        'listquarantinepolicy' = @{ Description = 'Lists quarantine policies configured in Exchange Online Protection, controlling end-user access to quarantined messages.'; Returns = 'Array'; Properties = 'Name, AllowSender, BlockSender, Builtin, Delete, IncludeMessagesFromBlockedSenderAddress' }
        'listrestrictedusers' = @{ Description = 'Lists users from the restricted senders list in Exchange Online.'; Returns = 'Array'; Properties = 'BlockType, ChangedDatetime, CreatedDatetime, ExternalCount, InternalCount, Reason' }
        'listroles' = @{ Description = 'Lists a tenant''s Entra ID role definitions along with the active members of each, via the unified RBAC API. Unlike the legacy /directoryRoles endpoint this includes every built-in and custom role definition, even ones with no assignments.'; Returns = 'Array'; Properties = 'DisplayName, Description, Id, isBuiltIn, isEnabled, MemberCount' }
        'listroomlists' = @{ Description = 'Lists room list distribution groups and their members in Exchange Online.'; Returns = 'Array'; Properties = 'DisplayName, PrimarySmtpAddress, Identity, Alias, allowExternal, Description' }
        'listrooms' = @{ Description = 'Lists room mailboxes (meeting rooms) in Exchange Online for a tenant, with optional detailed view by room ID.'; Returns = 'Array'; Properties = 'id, displayName, mail, state, accountDisabled, AddOrganizerToSubject' }
        'listsafeattachmentsfilters' = @{ Description = 'Lists Safe Attachments policies and their associated rules configured in Microsoft Defender for Office 365.'; Returns = 'Array'; Properties = 'Name, Action, Priority, QuarantineTag, RecipientDomainIs, Redirect' }
        'listsafelinkspolicytemplates' = @{ Description = 'Lists saved Safe Links policy templates for deploying standardized Safe Links configurations.'; Returns = 'Array'; Properties = 'GUID, RowKey, ETag, JSON, Package, PartitionKey' }
        'listscheduleditemdetails' = @{ Description = 'Retrieves detailed information about a specific scheduled task by its RowKey, including execution results and task parameters.'; Returns = 'Array' }
        'listscheduleditems' = @{ Description = 'Lists scheduled tasks in CIPP, filterable by tenant or task ID. Returns task name, command, schedule, and last execution status.'; Returns = 'Array'; Properties = 'Name, Tenant, RowKey, AdditionalProperties, AlertComment, Command' }
        'listservicehealth' = @{ Description = 'Lists active Microsoft 365 service health issues and advisories for a tenant or all tenants.'; Returns = 'Array'; Properties = 'defaultDomainName, desc, issueId, service, TenantName, type' }
        'listsharedmailboxaccountenabled' = @{ Description = 'Lists shared mailboxes that have direct sign-in enabled (account not disabled), which is a security concern. Supports UseReportDB=true to read cached data from the reporting database (required for AllTenants).'; Returns = 'Array'; Properties = 'id, displayName, Tenant, accountEnabled, assignedLicenses, givenName' }
        'listsharepointadminurl' = @{ Description = 'Retrieves the SharePoint Admin Center URL for a tenant and redirects to it. Pass ReturnUrl to get the URL back as JSON instead of being redirected. The URL cannot be derived from the tenant name - it has to be resolved through Graph - so the result is cached on the tenant, which lets ListTenants hand out a direct link from then on.'; Returns = 'Array' }
        'listsharepointquota' = @{ Description = 'Retrieves SharePoint Online storage quota usage for a tenant, showing used and total storage.'; Returns = 'Array' }
        'listsignins' = @{ Description = 'Lists recent sign-in log entries for a tenant, filterable by various criteria. Supports AllTenants queries.'; Returns = 'Array'; Properties = 'id, userPrincipalName, createdDateTime, status, additionalDetails, agent' }
        'listsites' = @{ Description = 'Lists SharePoint sites or OneDrive usage for a tenant. Requires a Type parameter (SharePointSiteUsage or OneDriveUsageAccount). Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'displayName, createdDateTime, AutoMapUrl, fileCount, lastActivityDate, ownerDisplayName' }
        'listspamfilter' = @{ Description = 'Lists hosted content filter (anti-spam) policies and their rule states in Exchange Online Protection.'; Returns = 'Array'; Properties = 'Name, BulkSpamAction, HighConfidenceSpamAction, IsDefault, PhishSpamAction, rulePrio' }
        'listspamfiltertemplates' = @{ Description = 'Lists saved spam filter policy templates for Exchange Online Protection.'; Returns = 'Array'; Properties = 'name, GUID, RowKey, BulkSpamAction, ETag, HighConfidenceSpamAction' }
        'liststandards' = @{ Description = 'Lists configured tenant standards (compliance policies) and their settings, with optional consolidated view.'; Returns = 'Array'; Properties = 'displayName, appliedAt, appliedBy, standards, StandardsExport' }
        'liststandardscompare' = @{ Description = 'Compares current tenant configuration against applied standards, showing compliance status and drift for each standard.'; Returns = 'Array'; Properties = 'RowKey, CurrentValue, ETag, ExpectedValue, LicenseAvailable, PartitionKey' }
        'liststandardtemplates' = @{ Description = 'Lists saved standards templates that define sets of standards to apply to tenants.'; Returns = 'Array'; Properties = 'displayName, name, GUID, RowKey, ETag, excludedTenants' }
        'listteams' = @{ Description = 'Lists Microsoft Teams teams for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'id, displayName, Name, ChannelInfo, description, InstalledApps' }
        'listteamsactivity' = @{ Description = 'Lists Microsoft Teams user activity reports for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'UPN, CallCount, LastActive, MeetingCount, TeamsChat' }
        'listteamslislocation' = @{ Description = 'Lists Teams emergency calling Location Information Service (LIS) locations configured for a tenant.'; Returns = 'Array'; Properties = 'City, CityAlias, CivicAddressId, CompanyName, CompanyTaxId, Confidence' }
        'listteamsvoice' = @{ Description = 'Lists Microsoft Teams voice and PSTN usage for a tenant. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'id, displayName, userPrincipalName, mail, createdDateTime, state' }
        'listtenantalignment' = @{ Description = 'Lists tenant alignment data showing how well tenants conform to their assigned standards templates.'; Returns = 'Array'; Properties = 'GUID, RowKey, alignmentScore, combinedAlignmentScore, complianceStatus, compliant' }
        'listtenantallowblocklist' = @{ Description = 'Lists Tenant Allow/Block List entries (senders, URLs, file hashes, IPs) from Exchange Online Protection. Supports UseReportDB=true query parameter to retrieve cached data from the reporting database for significantly better performance, especially when querying AllTenants.'; Returns = 'Array'; Properties = 'Tenant, Action, ExpirationDate, LastModifiedDateTime, LastUsedDate, ListType' }
        'listtenantdetails' = @{ Description = 'Retrieves detailed organization information for a tenant, including addresses, assigned plans, sync status, and custom properties.'; Returns = 'Array'; Properties = 'id, displayName, createdDateTime, state, assignedPlans, businessPhones' }
        'listtenantdrift' = @{ Description = 'Lists configuration drift for tenants, comparing current state against the desired state defined by applied standards.'; Returns = 'Array' }
        'listtenantgroups' = @{ Description = 'Lists tenant groups (logical groupings of managed tenants) and optionally includes usage data.'; Returns = 'Array' }
        'listtenantonboarding' = @{ Description = 'Lists tenant onboarding requests and their step-by-step progress, including GDAP relationship setup.'; Returns = 'Array'; Properties = 'RowKey, CustomerId, ETag, Exception, Logs, OnboardingSteps' }
        'listtenants' = @{ Description = 'Lists all managed tenants accessible to the current user, with support for cache clearing and tenant filtering. This is the primary endpoint for tenant enumeration.'; Returns = 'Results' }
        'listtransportrules' = @{ Description = 'Lists mail flow (transport) rules configured in Exchange Online, with optional detailed view by rule ID.'; Returns = 'Array'; Properties = 'Name, Tenant, RowKey, Comments, ETag, Metadata' }
        'listtransportrulestemplates' = @{ Description = 'Lists saved transport rule templates for Exchange Online mail flow rules.'; Returns = 'Array'; Properties = 'name, GUID, RowKey, comments, ETag, JSON' }
        'listuserconditionalaccesspolicies' = @{ Description = 'Lists Conditional Access policies that apply to a specific user in a tenant.'; Returns = 'Array' }
        'listusercounts' = @{ Description = 'Returns summary counts of total users, licensed users, and global administrators for a tenant.'; Returns = 'Array' }
        'listuserdevices' = @{ Description = 'Lists Intune-managed devices registered to a specific user, including compliance status and endpoint protection details.'; Returns = 'Array'; Properties = 'displayName, createdDateTime, accountEnabled, approximateLastSignInDateTime, deviceOwnership, enrollmentType' }
        'listusergroups' = @{ Description = 'Lists Entra ID group memberships for a specific user.'; Returns = 'Array'; Properties = 'id, DisplayName, calculatedGroupType, groupType, GroupTypes, IsAssignableToRole' }
        'listusermailboxdetails' = @{ Description = 'Retrieves detailed Exchange Online mailbox properties for a specific user, including quotas, archive status, and protocols.'; Returns = 'Array'; Properties = 'id, displayName, UPN, primarySmtpAddress, AdditionalEmailAddresses, ArchiveGuid' }
        'listusermailboxrules' = @{ Description = 'Lists inbox rules configured on a specific user''s Exchange Online mailbox.'; Returns = 'Array' }
        'listuserphoto' = @{ Description = 'Retrieves the profile photo for a specific Entra ID user, returned as a base64-encoded image.'; Returns = 'Array' }
        'listusers' = @{ Description = 'Lists Entra ID users for a tenant with license and sign-in details, or retrieves a specific user by ID. For AllTenants or cached data, consider using ListDBCache with type=Users for significantly better performance.'; Returns = 'Array'; Properties = 'id, displayName, userPrincipalName, mail, createdDateTime, state' }
        'listusersigninlogs' = @{ Description = 'Lists recent sign-in log entries for a specific Entra ID user, ordered by most recent.'; Returns = 'Array'; Properties = 'id, userPrincipalName, createdDateTime, status, agent, appDisplayName' }
        'listwebhookalert' = @{ Description = 'Lists configured webhook alert rules that trigger on specific audit log events.'; Returns = 'Array'; Properties = 'Tenant, RowKey, AffectedUser, AlertText, AlertTitle, Data' }
        'removeapdevice' = @{ Returns = 'Object'; Properties = 'Results' }
        'removeapp' = @{ Returns = 'Results' }
        'removeassignmentfiltertemplate' = @{ Returns = 'Results' }
        'removeautopilotconfig' = @{ Returns = 'Results' }
        'removebpatemplate' = @{ Returns = 'Results' }
        'removecapolicy' = @{ Returns = 'Object'; Properties = 'conditions, createdDateTime, deletedDateTime, description, displayName, grantControls' }
        'removecatemplate' = @{ Returns = 'Results' }
        'removecippqueue' = @{ Returns = 'Object' }
        'removeconnectionfiltertemplate' = @{ Returns = 'Results' }
        'removecontact' = @{ Returns = 'Object'; Properties = 'Results' }
        'removecontacttemplates' = @{ Returns = 'Results' }
        'removedeletedobject' = @{ Returns = 'Results' }
        'removeexconnector' = @{ Returns = 'Results' }
        'removeexconnectortemplate' = @{ Returns = 'Results' }
        'removegrouptemplate' = @{ Returns = 'Results' }
        'removeintunescript' = @{ Returns = 'Results' }
        'removeintunetemplate' = @{ Returns = 'Results' }
        'removepolicy' = @{ Returns = 'Object'; Properties = 'Results' }
        'removequarantinepolicy' = @{ Returns = 'Results' }
        'removequeuedalert' = @{ Returns = 'Results' }
        'removequeuedapp' = @{ Returns = 'Object'; Properties = 'Results' }
        'removesafelinkspolicytemplate' = @{ Returns = 'Results' }
        'removescheduleditem' = @{ Description = 'Removes a scheduled item from CIPP''s scheduler.'; Returns = 'Results' }
        'removespamfilter' = @{ Returns = 'Results' }
        'removespamfiltertemplate' = @{ Returns = 'Results' }
        'removestandard' = @{ Returns = 'Object'; Properties = 'Results' }
        'removestandardtemplate' = @{ Returns = 'Results' }
        'removetenantallowblocklist' = @{ Returns = 'Results' }
        'removetenantcapabilitiescache' = @{ Returns = 'Object'; Properties = 'ETag, JSON, PartitionKey, Results, RowKey, Timestamp' }
        'removetransportrule' = @{ Returns = 'Results' }
        'removetransportruletemplate' = @{ Returns = 'Results' }
        'removeuser' = @{ Returns = 'Results' }
        'setauthmethod' = @{ Returns = 'Object' }
    }
}

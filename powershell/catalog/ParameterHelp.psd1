# Shared parameter descriptions for generated help. A catalog parameter's own Help wins over these;
# parameters with neither get a line derived from the request mapping (see Build-Commands.ps1).
# Keys are case-insensitive (UserID, UserId and Userid share one entry).
@{
    Parameters = @{
        UseReportDB = 'Read the data from CIPP''s report database (cached by CIPP''s scheduled collection) instead of querying the tenant live: faster, but as old as the last collection. With -CustomerTenantID AllTenants it returns the cached data of every tenant.'
        CustomerTenantID = 'The customer tenant: its default domain name (for example contoso.onmicrosoft.com) or its tenant ID.'
        CustomerTenantDefaultDomain = 'The default domain name of the customer tenant (for example contoso.onmicrosoft.com).'
        UserID = 'The user: object ID or user principal name.'
        UserPrincipalName = 'The user principal name (sign-in address) of the user or mailbox.'
        FirstName = 'Given name.'
        LastName = 'Surname.'
        City = 'City.'
        Country = 'Country or region.'
        PostalCode = 'Postal code.'
        StreetAddress = 'Street address.'
        MobilePhone = 'Mobile phone number.'
        Department = 'Department.'
        Jobtitle = 'Job title.'
        CompanyName = 'Company name.'
        UsageLocation = 'Two-letter usage location country code (for example GB or US).'
        CopyFrom = 'A user whose group memberships are copied to this user.'
        AddedAliases = 'Additional email aliases (whitespace-separated).'
        ScheduledFor = 'Run the job at this time instead of now (sent as unix seconds).'
        SendResultsToEmail = 'Send the results of the scheduled job by email.'
        SendResultsToPSA = 'Send the results of the scheduled job to the PSA integration.'
        SendResultsToWebhook = 'Send the results of the scheduled job to the webhook.'
        TemplateGuid = 'GUID of the template to apply (takes precedence over -TemplateName).'
        AsApp = 'Run the Graph request with application permissions.'
        VariableName = 'Name of the custom variable.'
        ExternalEmailAddress = 'External email address of the contact.'
    }
}

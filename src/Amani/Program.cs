using Amani.Cli;

return await AmaniCli.Build().Parse(args).InvokeAsync();

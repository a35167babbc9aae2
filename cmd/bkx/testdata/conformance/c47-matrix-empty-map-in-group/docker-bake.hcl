target "app" { matrix = {} }
group "g" { targets = ["app"] }

group "default" { targets = ["api", "web"] }
group "all" { targets = ["default", "extras"] }
group "ci" { targets = ["all", "test"] }
group "extras" { targets = ["docs"] }
target "api" { tags = ["api"] }
target "web" { tags = ["web"] }
target "docs" { tags = ["docs"] }
target "test" { target = "test" }

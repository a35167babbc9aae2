variable "N" { default = "5" }

"""Official documents (văn bản đi, văn bản đến), their signatures and their edXML exchange."""

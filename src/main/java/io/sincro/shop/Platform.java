package io.sincro.shop;

public enum Platform { MAGENTO }
